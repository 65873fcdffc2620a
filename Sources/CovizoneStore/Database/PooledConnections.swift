@preconcurrency import AsyncKit
import Logging
import NIOConcurrencyHelpers
import PostgresKit
import SQLKit
import SQLiteKit

/// A connection that can be used through SQLKit.
protocol SQLConnection: ConnectionPoolItem, Sendable {
    func sqlDatabase() -> any SQLDatabase
}

extension SQLiteConnection: SQLConnection {
    func sqlDatabase() -> any SQLDatabase { sql(queryLogLevel: .trace) }
}

extension PostgresConnection: SQLConnection {
    func sqlDatabase() -> any SQLDatabase { sql(queryLogLevel: .trace) }
}

/// Lends connections of one engine, one at a time per caller.
protocol ConnectionLending: Sendable {
    func withConnection<R>(_ body: (any SQLDatabase) async throws -> R) async throws -> R
    func shutdown() async throws
}

/// An AsyncKit pool that lends SQLKit databases bound to one connection each.
///
/// `EventLoopGroupConnectionPool` guards its state with locks and is safe to share between tasks,
/// but it is not annotated `Sendable`; this wrapper states that.
final class PooledConnections<Source: ConnectionPoolSource>: ConnectionLending, @unchecked Sendable
where Source.Connection: SQLConnection {
    private let pool: EventLoopGroupConnectionPool<Source>
    /// Threads the connections block on (SQLite), stopped after the connections are closed.
    private let threadPool: NIOThreadPool?
    private let isShutDown = NIOLockedValueBox(false)

    init(pool: EventLoopGroupConnectionPool<Source>, threadPool: NIOThreadPool? = nil) {
        self.pool = pool
        self.threadPool = threadPool
    }

    /// A pool dropped without ``shutdown()`` (a failed start, a failing test) still closes its
    /// connections, in the background.
    deinit {
        if !isShutDown.withLockedValue({ $0 }) {
            let threadPool = threadPool
            pool.shutdownGracefully { _ in threadPool?.shutdownGracefully { _ in } }
        }
    }

    func withConnection<R>(_ body: (any SQLDatabase) async throws -> R) async throws -> R {
        let connection = try await pool.requestConnection().get()
        defer { pool.releaseConnection(connection) }
        return try await body(connection.sqlDatabase())
    }

    func shutdown() async throws {
        let alreadyShutDown = isShutDown.withLockedValue { wasShutDown in
            defer { wasShutDown = true }
            return wasShutDown
        }
        guard !alreadyShutDown else { return }
        try await pool.shutdownAsync()
        try await threadPool?.shutdownGracefully()
    }
}
