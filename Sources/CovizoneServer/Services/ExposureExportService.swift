import Foundation
import Logging
import ServiceLifecycle

/// Runs ``ExposureExporter`` every minute (or every period, when shorter) until shutdown.
struct ExposureExportService: Service {
    let exporter: ExposureExporter
    let logger: Logger

    func run() async throws {
        let pause = min(exporter.settings.exportPeriod, .seconds(60))
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                _ = try await exporter.runCycle()
            } catch {
                logger.error("exposure export failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
        }
    }
}
