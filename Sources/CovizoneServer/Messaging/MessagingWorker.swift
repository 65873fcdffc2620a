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

    init(dispatcher: OutboundDispatcher, gateway: SMSGateway, idleInterval: Duration, logger: Logger) {
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
        }
        try? await dispatcher.flush()
    }

    private func cycle() async {
        while !Task.isCancelled {
            var claimed = 0
            do {
                claimed = try await dispatcher.dispatchOnce()
            } catch where !Task.isCancelled {
                logger.error("dispatch cycle failed", metadata: ["error": "\(error)"])
            } catch {
                return  // stopping: a statement cut short is no failure
            }
            // While parts are out, room comes back within milliseconds: look again soon (a look
            // finding too little room costs no statement).
            let busy = claimed > 0 || dispatcher.inFlightCount > 0
            try? await Task.sleep(for: busy ? .milliseconds(2) : idleInterval)
        }
    }
}
