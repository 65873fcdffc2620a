import Foundation
import Logging
import ServiceLifecycle

/// Runs ``ExposureExporter`` every minute (or every period, when shorter) until shutdown.
struct ExposureExportService: Service {
    let exporter: ExposureExporter
    let logger: Logger

    func run() async throws {
        await repeatedly(every: min(exporter.settings.exportPeriod, .seconds(60)), "exposure export", logger: logger) { _ = try await exporter.runCycle() }
    }
}
