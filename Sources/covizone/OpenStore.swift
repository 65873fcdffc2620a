import ArgumentParser
import CovizoneCore
import CovizoneServer
import CovizoneStore
import Logging

/// Opens and migrates the configured store, runs `body`, and closes the store whatever happens.
/// Validation and store errors become one-line reasons for the user.
func withStore<R>(
    _ configuration: ServerConfiguration, label: String, _ body: (Database, Logger) async throws -> R
) async throws -> R {
    var logger = Logger(label: label)
    logger.logLevel = configuration.logLevel
    let database = try await openMigratedDatabase(configuration: configuration, logger: logger)
    do {
        let result = try await body(database, logger)
        try await database.shutdown()
        return result
    } catch {
        try? await database.shutdown()
        switch error {
        case let failure as ValidationFailure: throw ValidationError(failure.description)
        case let error as StoreError: throw ValidationError(error.description)
        default: throw error
        }
    }
}
