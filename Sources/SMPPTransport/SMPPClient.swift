import Foundation
import Logging
import Messaging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// The SMPP client of one operator: keeps its binds connected (connecting again with a growing
/// delay after a failure), shares submitted parts among them, and reports receipts and MO
/// messages on ``inbound``, each answered to the SMSC only once the receiver acknowledges it. Parts submitted while no bind is up wait for one.
public final class SMPPClient: Sendable {
    public let configuration: SMPPClientConfiguration
    /// Receipts and MO messages, as they arrive; acknowledge each once it is recorded.
    public let inbound: AsyncStream<SMPPDelivery>
    private let inboundContinuation: AsyncStream<SMPPDelivery>.Continuation
    private let queue = SMPPSubmissionQueue()
    private let group: any EventLoopGroup
    private let logger: Logger
    private let boundBinds = NIOLockedValueBox(0)
    private let learntRatesByBind = NIOLockedValueBox([Int: Double]())

    public init(configuration: SMPPClientConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger) {
        self.configuration = configuration
        self.group = group
        self.logger = logger
        (inbound, inboundContinuation) = AsyncStream.makeStream(of: SMPPDelivery.self)
    }

    /// Binds currently up.
    public var boundCount: Int { boundBinds.withLockedValue { $0 } }

    /// Each bind's parts a second learnt from the SMSC's throttling (nil for a bind never
    /// throttled), kept across its connections.
    public var learntRates: [Double?] {
        let rates = learntRatesByBind.withLockedValue { $0 }
        return (0..<max(1, configuration.binds)).map { rates[$0] }
    }

    /// Queues one part (a submit_sm body); `completion` learns what became of it. When that was
    /// `unanswered` (a timeout) and the response comes later on the same connection, `lateAnswer`
    /// learns it then: `accepted` or `refused`.
    public func submit(
        _ message: SMPPShortMessage, completion: @escaping @Sendable (SMPPSubmitOutcome) -> Void,
        lateAnswer: (@Sendable (SMPPSubmitOutcome) -> Void)? = nil
    ) {
        queue.add(PendingPart(message: message, completion: completion, lateAnswer: lateAnswer))
    }

    /// Submits one part and waits for its outcome.
    public func submit(_ message: SMPPShortMessage) async -> SMPPSubmitOutcome {
        await withCheckedContinuation { continuation in
            submit(message) { continuation.resume(returning: $0) }
        }
    }

    /// Keeps the binds up until the task is cancelled; then unbinds them and ends ``inbound``.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for index in 0..<max(1, configuration.binds) {
                group.addTask { await self.keepBound(index: index) }
            }
        }
        inboundContinuation.finish()
    }

    /// One bind: connect, stay until the connection ends, wait, connect again.
    private func keepBound(index: Int) async {
        var delay = configuration.reconnectDelay
        var logger = logger
        logger[metadataKey: "bind"] = "\(configuration.host):\(configuration.port)#\(index)"
        while !Task.isCancelled {
            let wasBound = NIOLockedValueBox(false)
            do {
                let channel = try await connect(
                    bind: index,
                    onBound: {
                        wasBound.withLockedValue { $0 = true }
                        self.boundBinds.withLockedValue { $0 += 1 }
                    })
                await withTaskCancellationHandler {
                    try? await channel.closeFuture.get()
                } onCancel: {
                    channel.pipeline.fireUserInboundEventTriggered(SMPPUnbindRequest())
                    channel.eventLoop.scheduleTask(in: .seconds(2)) { channel.close(promise: nil) }
                }
            } catch {
                logger.warning("SMPP connection failed", metadata: ["error": "\(error)"])
            }
            if wasBound.withLockedValue({ $0 }) {
                boundBinds.withLockedValue { $0 -= 1 }
                delay = configuration.reconnectDelay
            }
            guard !Task.isCancelled else { break }
            try? await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            delay = min(delay * 2, configuration.maximumReconnectDelay)
        }
    }

    private func connect(bind index: Int, onBound: @escaping @Sendable () -> Void) async throws -> any Channel {
        let configuration = configuration
        let queue = queue
        let inbound = inboundContinuation
        let logger = logger
        let learntRates = learntRatesByBind
        let learntRate = learntRates.withLockedValue { $0[index] }
        return try await ClientBootstrap(group: group)
            .connectTimeout(.milliseconds(Int64(configuration.connectTimeout * 1000)))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMPPFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(
                        SMPPSessionHandler(
                            configuration: configuration, learntRate: learntRate, queue: queue, inbound: { inbound.yield($0) }, onBound: onBound,
                            onRateLearnt: { rate in learntRates.withLockedValue { $0[index] = rate } }, logger: logger
                        )
                    )
                }
            }
            .connect(host: configuration.host, port: configuration.port)
            .get()
    }
}
