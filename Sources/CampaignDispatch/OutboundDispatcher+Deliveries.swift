import CovizoneCore
import CovizoneStore
import Foundation
import Messaging
import SMPPTransport

/// Deliveries: receipts and MO messages (opt-outs) from the SMSCs, recorded then answered.
extension OutboundDispatcher {
    /// A receipt or an MO message from an SMSC: recorded by ``processDeliveries()`` with the
    /// others that came meanwhile, then answered.
    public func deliver(_ delivery: SMPPDelivery, from route: SMSGateway.Route) {
        state.withLockedValue { $0.deliveries.append((delivery, route)) }
        doorbell.continuation.yield()
    }

    /// Records deliveries as they come, receipts in one transaction a batch, until cancelled. On a
    /// failure they wait a second and are tried again; they are answered only once recorded (one
    /// never answered comes again from the SMSC).
    public func processDeliveries() async {
        for await _ in doorbell.stream {
            while true {
                let batch = state.withLockedValue { state in
                    defer { state.deliveries = [] }
                    return state.deliveries
                }
                guard !batch.isEmpty else { break }
                do {
                    try await record(batch)
                } catch {
                    // Stopping: what is not recorded stays unanswered, and the SMSC sends it again.
                    if Task.isCancelled { return }
                    logger.error("could not record what the SMSC sent", metadata: ["error": "\(error)"])
                    state.withLockedValue { $0.deliveries = batch + $0.deliveries }
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
    }

    private func record(_ batch: [(delivery: SMPPDelivery, route: SMSGateway.Route)]) async throws {
        var receipts: [HeldReceipt] = []
        for (delivery, route) in batch {
            switch delivery.content {
            case .receipt(let receipt, let from):
                receipts.append(
                    HeldReceipt(
                        smsc: route.name, smscID: receipt.messageID, phone: PhoneNumber(from)?.e164 ?? from, state: receipt.state, error: receipt.error,
                        receivedAt: Date()
                    )
                )
            case .message(let message):
                try await received(message, via: route)
            }
        }
        // The parts these receipts are about were answered before them: record those answers
        // first, so that the receipts find their parts rather than wait as held receipts.
        if !receipts.isEmpty { try await flush() }
        try await queue.applyReceipts(receipts, at: clock.now)
        for (delivery, _) in batch { delivery.acknowledge() }
    }

    private func received(_ message: SMPPShortMessage, via route: SMSGateway.Route) async throws {
        guard let phone = PhoneNumber(message.source) else { return }
        guard OptOut.isRequest(message.text) else {
            logger.info("message from a phone ignored (not an opt-out)", metadata: ["smsc": "\(route.name)"])
            return
        }
        let now = clock.now
        // Confirmed once: the same reply recorded again (a batch tried again) queues nothing more.
        guard try await OptOutRepository(database: database).add(phone: phone.e164, source: "sms", at: now) else { return }
        let confirmation = SMSMessage(OptOut.confirmation)
        try await queue.enqueue(
            phone: phone.e164, operatorID: MobileOperator.of(phone)?.id ?? route.connection.operator, sender: settings.sender, body: confirmation.text,
            parts: confirmation.partCount, purpose: "opt-out-confirmation", at: now
        )
        logger.info("opt-out recorded", metadata: ["smsc": "\(route.name)"])
    }
}
