import Foundation
import Logging
import ServiceLifecycle

/// Keeps the SMSC connections bound and the dispatcher cycling: at once while there is work,
/// pausing ``MessagingSettings/idleInterval`` when a cycle found nothing to send. Every instance
/// runs it; the queue in the database shares the work.
struct OutboundDispatchService: Service {
    let dispatcher: OutboundDispatcher
    let gateway: SMSGateway
    let idleInterval: Duration
    let logger: Logger

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await gateway.run { inbound, route in await dispatcher.handle(inbound, from: route) } }
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
            try? await Task.sleep(for: claimed == 0 ? idleInterval : .milliseconds(20))
        }
    }
}
