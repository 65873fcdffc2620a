import CovizoneStore
import Logging
import ServiceLifecycle

/// Keeps the database pool open while the server runs and closes it after the HTTP server has
/// stopped (services shut down in reverse order, and this one is registered first).
struct DatabaseService: Service {
    let database: Database
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        try await database.shutdown()
        logger.info("database connections closed")
    }
}
