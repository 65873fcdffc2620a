import Foundation
import Logging
import Messaging
import NIOConcurrencyHelpers
import NIOCore

/// Asks a bind to unbind and close (sent down the pipeline when the client stops).
struct SMPPUnbindRequest: Sendable {}

/// Drives one bind's ``SMPPSession`` on its event loop: carries out the session's actions, takes
/// parts from the operator's queue while the window and the pace allow, tells each part's sender
/// what became of it, passes receipts and MO messages on, and reports the rate the pace learnt.
final class SMPPSessionHandler: ChannelInboundHandler {
    typealias InboundIn = SMPPPDU
    typealias OutboundOut = ByteBuffer

    private var session: SMPPSession
    private let queue: SMPPSubmissionQueue
    private let inbound: @Sendable (SMPPDelivery) -> Void
    private let onBound: @Sendable () -> Void
    private let onRateLearnt: @Sendable (Double?) -> Void
    private var reportedRate: Double?
    private let logger: Logger
    private var inFlight: [UInt64: PendingPart] = [:]
    /// Parts that timed out and want a late answer, by tag (the oldest dropped past ``lateCapacity``).
    private var timedOut: [UInt64: PendingPart] = [:]
    private static let lateCapacity = 10_000
    private var nextTag: UInt64 = 1
    private var context: ChannelHandlerContext?
    private var ticker: RepeatedTask?
    private var wakeUpScheduled = false

    /// `learntRate` is what an earlier connection of this bind learnt; `onRateLearnt` hears each
    /// change of it.
    init(
        configuration: SMPPClientConfiguration, learntRate: Double?, queue: SMPPSubmissionQueue, inbound: @escaping @Sendable (SMPPDelivery) -> Void,
        onBound: @escaping @Sendable () -> Void, onRateLearnt: @escaping @Sendable (Double?) -> Void, logger: Logger
    ) {
        session = SMPPSession(configuration: configuration.session, learntRate: learntRate)
        reportedRate = learntRate
        self.queue = queue
        self.inbound = inbound
        self.onBound = onBound
        self.onRateLearnt = onRateLearnt
        self.logger = logger
    }

    private var id: ObjectIdentifier { ObjectIdentifier(self) }

    func channelActive(context: ChannelHandlerContext) {
        self.context = context
        perform(session.connected(at: Date()), context: context)
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        ticker = context.eventLoop.scheduleRepeatedTask(initialDelay: .milliseconds(50), delay: .milliseconds(50)) { _ in
            loopBound.value.tick()
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        ticker?.cancel()
        queue.forget(id)
        handle(session.connectionLost())
        timedOut = [:]
        self.context = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let (actions, events) = session.received(unwrapInboundIn(data), at: Date())
        perform(actions, context: context)
        handle(events)
        if session.learntRate != reportedRate {
            reportedRate = session.learntRate
            onRateLearnt(reportedRate)
        }
        pump()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.warning("SMPP connection failed", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is SMPPUnbindRequest else { return context.fireUserInboundEventTriggered(event) }
        perform(session.unbind(at: Date()), context: context)
        context.flush()
    }

    private func tick() {
        guard let context else { return }
        let (actions, events) = session.tick(at: Date())
        perform(actions, context: context)
        handle(events)
        pump()
        context.flush()
    }

    /// Submits queued parts while the window and the pace allow; when only the pace holds a part
    /// back, comes back at its turn.
    private func pump() {
        guard let context else { return }
        var wrote = false
        defer { if wrote { context.flush() } }
        while true {
            let now = Date()
            guard session.canSubmit(at: now) else {
                let turn = session.nextTurn(after: now)
                if turn > now { wakeUp(at: turn) }
                return
            }
            let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
            guard let part = queue.next(for: id, wakeUp: { loopBound.eventLoop.execute { loopBound.value.pump() } }) else { return }
            let tag = nextTag
            nextTag += 1
            inFlight[tag] = part
            if let actions = session.submit(part.message, tag: tag, at: now) {
                perform(actions, context: context, flush: false)
                wrote = true
            }
        }
    }

    /// Sends deliver_sm_resp for `sequence` when called, from any thread.
    private func answerer(_ sequence: UInt32) -> @Sendable () -> Void {
        guard let context else { return {} }
        let channel = context.channel
        return {
            let reply = SMPPSession.acknowledgement(of: sequence).encoded()
            channel.writeAndFlush(channel.allocator.buffer(bytes: reply), promise: nil)
        }
    }

    private func wakeUp(at date: Date) {
        guard let context, !wakeUpScheduled else { return }
        wakeUpScheduled = true
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let delay = TimeAmount.nanoseconds(Int64(max(0, date.timeIntervalSinceNow) * 1e9))
        context.eventLoop.scheduleTask(in: delay) {
            loopBound.value.wakeUpScheduled = false
            loopBound.value.pump()
        }
    }

    private func perform(_ actions: [SMPPSession.Action], context: ChannelHandlerContext, flush: Bool = true) {
        for action in actions {
            switch action {
            case .send(let pdu):
                context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: pdu.encoded())), promise: nil)
            case .close:
                context.close(promise: nil)
            }
        }
        if flush { context.flush() }
    }

    private func rememberTimedOut(_ part: PendingPart, tag: UInt64) {
        timedOut[tag] = part
        if timedOut.count > Self.lateCapacity, let oldest = timedOut.keys.min() { timedOut[oldest] = nil }
    }

    private func handle(_ events: [SMPPSession.Event]) {
        for event in events {
            switch event {
            case .bound(let systemID):
                logger.info("SMPP bound", metadata: ["smsc": "\(systemID)"])
                onBound()
            case .bindRefused(let status):
                logger.error("SMPP bind refused", metadata: ["status": "\(SMPPStatus.describe(status))"])
            case .accepted(let tag, let messageID):
                inFlight.removeValue(forKey: tag)?.completion(.accepted(messageID: messageID))
            case .refused(let tag, let status):
                inFlight.removeValue(forKey: tag)?.completion(.refused(status: status))
            case .throttled(let tag, _):
                if let part = inFlight.removeValue(forKey: tag) { queue.add(part, first: true) }
            case .timedOut(let tag):
                guard let part = inFlight.removeValue(forKey: tag) else { continue }
                part.completion(.unanswered)
                if part.lateAnswer != nil { rememberTimedOut(part, tag: tag) }
            case .answeredLate(let tag, let status, let messageID):
                let outcome: SMPPSubmitOutcome = messageID.map { .accepted(messageID: $0) } ?? .refused(status: status)
                timedOut.removeValue(forKey: tag)?.lateAnswer?(outcome)
            case .receipt(let receipt, let from, let sequence):
                inbound(SMPPDelivery(.receipt(receipt, from: from), answer: answerer(sequence)))
            case .message(let message, let sequence):
                inbound(SMPPDelivery(.message(message), answer: answerer(sequence)))
            case .unbound:
                logger.info("SMPP unbound")
            }
        }
    }
}
