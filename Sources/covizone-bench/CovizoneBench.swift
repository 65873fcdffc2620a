import ArgumentParser
import CovizoneCore
import CovizoneServer
import CovizoneStore
import Foundation
import Logging

/// `covizone-bench`: measures hot paths in release builds; figures go into BENCHMARKS.md.
@main
struct CovizoneBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "covizone-bench",
        abstract: "Benchmarks of Covizone's hot paths (run with -c release).",
        subcommands: [
            SessionLookupBenchmark.self, DivisionsBenchmark.self, ExposureMatchingBenchmark.self, ExposureExportBenchmark.self, PublishRequestsCommand.self,
            ExposedVisitsBenchmark.self, DispatchBenchmark.self,
        ]
    )
}

/// Prints `operations` done in `elapsed` as a rate.
func report(_ name: String, operations: Int, elapsed: Duration) {
    let seconds = elapsed.timeInterval
    let rate = Double(operations) / seconds
    print("\(name): \(operations) in \(String(format: "%.3f", seconds)) s = \(String(format: "%.0f", rate)) per second")
}

/// A migrated store for a benchmark: PostgreSQL at `databaseURL`, or SQLite in a new temporary
/// `folder` that the caller removes.
func openBenchmarkStore(
    databaseURL: String?, configure: (inout ServerConfiguration) -> Void = { _ in }
) async throws -> (database: Database, configuration: ServerConfiguration, folder: URL) {
    var logger = Logger(label: "bench")
    logger.logLevel = .warning
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("covizone-bench-\(UUID().uuidString)")
    var configuration = ServerConfiguration()
    configuration.dataDirectory = folder.path
    configuration.databaseURL = databaseURL
    configure(&configuration)
    return (try await openMigratedDatabase(configuration: configuration, logger: logger), configuration, folder)
}
