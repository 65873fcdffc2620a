import ArgumentParser
import CovizoneServer
import CovizoneStore

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
        let version = try await withStore(configuration, label: "covizone.migrate") { database, _ in
            try await Migrator().currentVersion(database)
        }
        print("Schema at version \(version) (\(configuration.databaseLocation)).")
    }
}
