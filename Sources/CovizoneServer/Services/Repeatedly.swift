import Logging
import ServiceLifecycle

/// Runs `work` now and then every `interval` until the server shuts down; a pass that fails is
/// logged as `"\(what) failed"` and the next one runs as planned. The loop of every background
/// service (retention, reminders, exports).
func repeatedly(every interval: Duration, _ what: String, logger: Logger, _ work: () async throws -> Void) async {
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
        do {
            try await work()
        } catch {
            logger.error("\(what) failed", metadata: ["error": "\(error)"])
        }
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
    }
}
