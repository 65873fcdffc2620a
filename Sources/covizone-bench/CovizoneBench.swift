import ArgumentParser
import CovizoneCore
import CovizoneServer
import CovizoneStore
import Foundation
import Logging
import SQLKit

/// `covizone-bench`: measures hot paths in release builds; figures go into BENCHMARKS.md.
@main
struct CovizoneBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "covizone-bench",
        abstract: "Benchmarks of Covizone's hot paths (run with -c release).",
        subcommands: [
            SessionLookupBenchmark.self, DivisionsBenchmark.self, ExposureMatchingBenchmark.self, ExposureExportBenchmark.self, PublishRequestsCommand.self,
            ExposedVisitsBenchmark.self, DispatchBenchmark.self, SafetySeedCommand.self, ReportingSummaryBenchmark.self, InformationBenchmark.self, MisinformationBenchmark.self, ClaimMatchingBenchmark.self,
            HealthExchangeBenchmark.self,
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

/// `INSERT INTO table (columns) SELECT values FROM` the numbers 1…count as `i`, in the engine's
/// dialect: the rows are made inside the database, in one statement.
func generatedInsert(_ count: Int, into table: String, _ columns: String, select values: String, engine: Database.Engine) -> SQLQueryString {
    let isPostgres = engine == .postgres
    let numbers = isPostgres ? "generate_series(1::bigint, \(count)) AS n(i)" : "n"
    let prefix = isPostgres ? "" : "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(count)) "
    return SQLQueryString(prefix + "INSERT INTO \(table) (\(columns)) SELECT \(values) FROM \(numbers)")
}
