import CovizoneCore
import CovizoneStore
import Foundation
import Logging
import Messaging
import NIOConcurrencyHelpers
import SMPPTransport

/// Receipts and MO messages from the SMSCs: gathered as they come, recorded in batches (receipts
/// in one transaction a batch), and answered only once recorded (one never answered comes again
/// from the SMSC). A message from a phone goes where its keyword says (``IncomingKeywords``):
/// opt-outs are recorded here, questions and tips handed to their domain's handler.
final class DeliveryRecorder: Sendable {
    private let queue: OutboundQueueRepository
    private let optOuts: OptOutRepository
    private let outcomes: OutcomeRecorder
    private let sender: String
    private let keywords: IncomingKeywords
    private let handler: (any IncomingTextHandler)?
    private let clock: WallClock
    private let logger: Logger
    private let deliveries = NIOLockedValueBox([(delivery: SMPPDelivery, route: SMSGateway.Route)]())
    /// Rung when deliveries arrive.
    private let doorbell = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))

    init(
        queue: OutboundQueueRepository, optOuts: OptOutRepository, outcomes: OutcomeRecorder, sender: String, keywords: IncomingKeywords,
        handler: (any IncomingTextHandler)?, clock: WallClock, logger: Logger
    ) {
        self.queue = queue
        self.optOuts = optOuts
        self.outcomes = outcomes
        self.sender = sender
        self.keywords = keywords
        self.handler = handler
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
                var batch = deliveries.withLockedValue { deliveries in
                    defer { deliveries = [] }
                    return deliveries
                }
                guard !batch.isEmpty else { break }
                do {
                    try await record(&batch)
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

    /// Records `batch`; what is left in it when this throws is what was not recorded.
    private func record(_ batch: inout [(delivery: SMPPDelivery, route: SMSGateway.Route)]) async throws {
        // Messages from phones one by one, each acknowledged once handled: one handled is not
        // handled (and answered) again when a later one fails.
        while let index = batch.firstIndex(where: { if case .message = $0.delivery.content { true } else { false } }) {
            guard case .message(let message) = batch[index].delivery.content else { break }
            try await received(message, via: batch[index].route)
            batch[index].delivery.acknowledge()
            batch.remove(at: index)
        }
        var receipts: [HeldReceipt] = []
        for (delivery, route) in batch {
            guard case .receipt(let receipt, let from) = delivery.content else { continue }
            receipts.append(
                HeldReceipt(
                    smsc: route.name, smscID: receipt.messageID, phone: PhoneNumber(from)?.e164 ?? from, state: receipt.state, error: receipt.error,
                    receivedAt: Date()
                )
            )
        }
        // The parts these receipts are about were answered before them: record those answers
        // first, so that the receipts find their parts rather than wait as held receipts.
        if !receipts.isEmpty { try await outcomes.flush() }
        try await queue.applyReceipts(receipts, at: clock.now)
        for (delivery, _) in batch { delivery.acknowledge() }
    }

    /// An opt-out is recorded once and confirmed by text; a question or a tip goes to the handler,
    /// whose answer is sent back; other messages from phones are ignored.
    private func received(_ message: SMPPShortMessage, via route: SMSGateway.Route) async throws {
        guard let phone = PhoneNumber(message.source) else { return }
        let now = clock.now
        let command = keywords.route(message.text)
        switch command {
        case .optOut:
            // Confirmed once: the same reply recorded again (sent again by the SMSC) queues nothing more.
            guard try await optOuts.add(phone: phone.e164, source: "sms", at: now) else { return }
            try await send(IncomingTextReply(text: OptOut.confirmation, purpose: "opt-out-confirmation"), to: phone, via: route, at: now)
            logger.info("opt-out recorded", metadata: ["smsc": "\(route.name)"])
        case .question, .tip:
            guard let handler, let reply = try await handler.reply(to: command, from: phone, at: now) else {
                logger.info("message from a phone ignored (nobody handles its keyword)", metadata: ["smsc": "\(route.name)"])
                return
            }
            try await send(reply, to: phone, via: route, at: now)
            logger.info("message from a phone answered", metadata: ["smsc": "\(route.name)", "sms.purpose": "\(reply.purpose)"])
        case .unknown:
            logger.info("message from a phone ignored (no keyword)", metadata: ["smsc": "\(route.name)"])
        }
    }

    /// Queues `reply` for `phone` as a single text.
    private func send(_ reply: IncomingTextReply, to phone: PhoneNumber, via route: SMSGateway.Route, at now: Date) async throws {
        let message = SMSMessage(reply.text)
        try await queue.enqueue(
            phone: phone.e164, operatorID: MobileOperator.of(phone)?.id ?? route.connection.operator, sender: sender, body: message.text,
            parts: message.partCount, purpose: reply.purpose, at: now
        )
    }
}
