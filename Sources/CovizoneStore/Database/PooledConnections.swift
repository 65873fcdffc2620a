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
    /// Connections lent out now: shutting down waits for them to come back.
    private let lent = NIOLockedValueBox(0)

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
        lent.withLockedValue { $0 += 1 }
        defer {
            pool.releaseConnection(connection)
            lent.withLockedValue { $0 -= 1 }
        }
        return try await body(connection.sqlDatabase())
    }

    /// Closes the connections, once those still lent out (work that outlives a request, such as a
    /// batch being written) came back or 30 seconds passed: a connection given back to a pool shut
    /// down is closed on threads that are stopped by then, and SQLite's would be left open.
    func shutdown() async throws {
        let alreadyShutDown = isShutDown.withLockedValue { wasShutDown in
            defer { wasShutDown = true }
            return wasShutDown
        }
        guard !alreadyShutDown else { return }
        let deadline = ContinuousClock.now + .seconds(30)
        while lent.withLockedValue({ $0 }) > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        try await pool.shutdownAsync()
        try await threadPool?.shutdownGracefully()
    }
}
