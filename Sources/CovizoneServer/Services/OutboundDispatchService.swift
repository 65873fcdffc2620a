import Foundation
import Logging
import ServiceLifecycle

/// Keeps the SMSC connections bound and the dispatcher cycling: every few milliseconds while
/// messages are out, pausing ``MessagingSettings/idleInterval`` when there is nothing to send. Every instance
/// runs it; the queue in the database shares the work.
struct OutboundDispatchService: Service {
    let dispatcher: OutboundDispatcher
    let gateway: SMSGateway
    let idleInterval: Duration
    let logger: Logger

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await gateway.run { delivery, route in dispatcher.deliver(delivery, from: route) } }
                group.addTask { await dispatcher.processDeliveries() }
                group.addTask { await cycle() }
            }
        }
        try? await dispatcher.flush()
    }

    private func cycle() async {
        while !Task.isCancelled {
            var claimed = 0
            do {
                claimed = try await dispatcher.dispatchOnce()
            } catch {
                logger.error("dispatch cycle failed", metadata: ["error": "\(error)"])
            }
            // While parts are out, room comes back within milliseconds: look again soon.
            let busy = claimed > 0 || dispatcher.inFlightCount > 0
            try? await Task.sleep(for: busy ? .milliseconds(10) : idleInterval)
        }
    }
}
