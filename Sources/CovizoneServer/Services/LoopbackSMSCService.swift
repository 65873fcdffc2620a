import Logging
import NIOCore
import ServiceLifecycle

/// Keeps the demo's in-process SMSC listening while the server runs; closes it on shutdown.
struct LoopbackSMSCService: Service {
    let channel: any Channel
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        try await channel.close()
        logger.info("in-process SMSC closed")
    }
}
