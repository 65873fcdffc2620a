import ArgumentParser
import CovizoneServer
import CovizoneStore
import Logging

/// `covizone migrate`: applies pending migrations to the store and reports the schema version.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or upgrade the database schema (safe while servers run)."
    )

    @OptionGroup var store: StoreOptions

    func run() async throws {
        var configuration = ServerConfiguration()
        try store.apply(to: &configuration)
        var logger = Logger(label: "covizone.migrate")
        logger.logLevel = configuration.logLevel
        let database = try await openMigratedDatabase(configuration: configuration, logger: logger)
        let version = try await Migrator().currentVersion(database)
        try await database.shutdown()
        print("Schema at version \(version) (\(configuration.databaseLocation)).")
    }
}
