import CovizoneCore
import CovizoneStore
import Foundation
import Logging

/// The campaign engine on its own: keeps the SMSC binds and HTTP providers of `settings` busy
/// with the outbound queue of `database`, records outcomes, receipts and replies, and cycles every
/// few milliseconds while messages are out (``MessagingSettings/idleInterval`` when idle). `serve`
/// runs one; benchmarks and separate worker processes can run one alone (the queue in the
/// database shares the work).
public final class MessagingWorker: Sendable {
    let dispatcher: OutboundDispatcher
    let gateway: SMSGateway
    private let idleInterval: Duration
    private let logger: Logger

    /// A worker with the system clock and the bundled administrative divisions.
    public convenience init(database: Database, settings: MessagingSettings, logger: Logger) throws {
        let gateway = SMSGateway(connections: settings.connections, logger: logger)
        self.init(
            dispatcher: OutboundDispatcher(
                database: database, settings: settings, divisions: try .bundled(), clock: .system, gateway: gateway, logger: logger
            ),
            gateway: gateway, idleInterval: settings.idleInterval, logger: logger
        )
    }

    public init(dispatcher: OutboundDispatcher, gateway: SMSGateway, idleInterval: Duration, logger: Logger) {
        self.dispatcher = dispatcher
        self.gateway = gateway
        self.idleInterval = idleInterval
        self.logger = logger
    }

    /// Runs until the task is cancelled, then records what is left.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.gateway.run { delivery, route in self.dispatcher.deliver(delivery, from: route) } }
            group.addTask { await self.dispatcher.processDeliveries() }
            group.addTask { await self.dispatcher.recordOutcomes() }
            group.addTask { await self.cycle() }
            group.addTask { await self.queueRoundsAsTheyFallDue() }
        }
        try? await dispatcher.flush()
    }

    /// Cycles while the task runs: every 2 ms while parts are out (room comes back within
    /// milliseconds; a look finding too little room costs no statement), every
    /// ``MessagingSettings/idleInterval`` when idle.
    private func cycle() async {
        await repeatUntilCancelled("dispatch cycle failed") {
            let claimed = try await dispatcher.cycle()
            return claimed > 0 || dispatcher.inFlightCount > 0 ? .milliseconds(2) : idleInterval
        }
    }

    /// Queues rounds as they fall due, on a task of its own (a round of millions takes a while):
    /// five times a second while rounds are sending or parts are out, every
    /// ``MessagingSettings/idleInterval`` otherwise.
    private func queueRoundsAsTheyFallDue() async {
        await repeatUntilCancelled("could not queue a due round") {
            try await dispatcher.queueDueRounds()
            return dispatcher.isBusy ? .seconds(OutboundDispatcher.upkeepInterval) : idleInterval
        }
    }

    /// Runs `step` again after the pause it returns (after `idleInterval` when it failed) until
    /// the task is cancelled.
    private func repeatUntilCancelled(_ failure: Logger.Message, _ step: () async throws -> Duration) async {
        while !Task.isCancelled {
            var pause = idleInterval
            do {
                pause = try await step()
            } catch where !Task.isCancelled {
                logger.error(failure, metadata: ["error": "\(error)"])
            } catch {
                return  // stopping: a statement cut short is no failure
            }
            try? await Task.sleep(for: pause)
        }
    }
}
