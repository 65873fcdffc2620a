import CovizoneCore
import CovizoneStore
import Foundation
import Logging
import Messaging
import NIOConcurrencyHelpers
import SMPPTransport

/// Receipts and MO messages (opt-outs) from the SMSCs: gathered as they come, recorded in
/// batches (receipts in one transaction a batch), and answered only once recorded (one never
/// answered comes again from the SMSC).
final class DeliveryRecorder: Sendable {
    private let queue: OutboundQueueRepository
    private let optOuts: OptOutRepository
    private let outcomes: OutcomeRecorder
    private let sender: String
    private let clock: WallClock
    private let logger: Logger
    private let deliveries = NIOLockedValueBox([(delivery: SMPPDelivery, route: SMSGateway.Route)]())
    /// Rung when deliveries arrive.
    private let doorbell = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))

    init(queue: OutboundQueueRepository, optOuts: OptOutRepository, outcomes: OutcomeRecorder, sender: String, clock: WallClock, logger: Logger) {
        self.queue = queue
        self.optOuts = optOuts
        self.outcomes = outcomes
        self.sender = sender
        self.clock = clock
        self.logger = logger
    }

    /// A receipt or an MO message from an SMSC, recorded by ``run()`` with the others that came meanwhile.
    func deliver(_ delivery: SMPPDelivery, from route: SMSGateway.Route) {
        deliveries.withLockedValue { $0.append((delivery, route)) }
        doorbell.continuation.yield()
    }

    /// Records deliveries as they come until cancelled; on a failure they wait a second and are tried again.
    func run() async {
        for await _ in doorbell.stream {
            while true {
                let batch = deliveries.withLockedValue { deliveries in
                    defer { deliveries = [] }
                    return deliveries
                }
                guard !batch.isEmpty else { break }
                do {
                    try await record(batch)
                } catch {
                    // Stopping: what is not recorded stays unanswered, and the SMSC sends it again.
                    if Task.isCancelled { return }
                    logger.error("could not record what the SMSC sent", metadata: ["error": "\(error)"])
                    deliveries.withLockedValue { $0 = batch + $0 }
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
        if !receipts.isEmpty { try await outcomes.flush() }
        try await queue.applyReceipts(receipts, at: clock.now)
        for (delivery, _) in batch { delivery.acknowledge() }
    }

    /// An opt-out reply is recorded once and confirmed by text; other messages from phones are ignored.
    private func received(_ message: SMPPShortMessage, via route: SMSGateway.Route) async throws {
        guard let phone = PhoneNumber(message.source) else { return }
        guard OptOut.isRequest(message.text) else {
            logger.info("message from a phone ignored (not an opt-out)", metadata: ["smsc": "\(route.name)"])
            return
        }
        let now = clock.now
        // Confirmed once: the same reply recorded again (a batch tried again) queues nothing more.
        guard try await optOuts.add(phone: phone.e164, source: "sms", at: now) else { return }
        let confirmation = SMSMessage(OptOut.confirmation)
        try await queue.enqueue(
            phone: phone.e164, operatorID: MobileOperator.of(phone)?.id ?? route.connection.operator, sender: sender, body: confirmation.text,
            parts: confirmation.partCount, purpose: "opt-out-confirmation", at: now
        )
        logger.info("opt-out recorded", metadata: ["smsc": "\(route.name)"])
    }
}
