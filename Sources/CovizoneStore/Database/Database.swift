import Foundation
import Logging
import Metrics
@preconcurrency import AsyncKit
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// The one way Covizone reaches its store: a pool of SQLKit connections to SQLite or PostgreSQL.
///
/// Repositories call ``withConnection(_:)`` for single statements and ``transaction(_:)`` for
/// several statements that must succeed or fail together.
public final class Database: Sendable {
    /// The engine behind the store; code branches on it only for what the engines do differently.
    public enum Engine: String, Sendable {
        case sqlite
        case postgres
    }

    public let engine: Engine
    public let location: DatabaseLocation
    /// Largest number of connections the pool opens.
    public let maximumConnections: Int
    private let lender: any ConnectionLending
    /// Queues this process's SQLite write transactions (see ``transaction(_:)``).
    private let writerLock = AsyncLock()
    private let connectionsInUse = Meter(label: "covizone_db_connections_in_use")
    private let connectionWait = Timer(label: "covizone_db_connection_wait")
    private let failures = Counter(label: "covizone_db_failures_total")

    private init(engine: Engine, location: DatabaseLocation, maximumConnections: Int, lender: any ConnectionLending) {
        self.engine = engine
        self.location = location
        self.maximumConnections = maximumConnections
        self.lender = lender
        Gauge(label: "covizone_db_pool_max_connections").record(maximumConnections)
    }

    /// How long a request waits for a free connection before ``StoreError/busy`` (503): as long as
    /// SQLite's busy timeout, so that a burst of writers queued on one row's lock (parallel guesses
    /// at one code) is served on a loaded machine instead of failing after the pool's default 10 s.
    static let connectionRequestTimeout: TimeAmount = .seconds(30)

    /// Opens a pool on `location`. SQLite files (and their folder) are created when missing and
    /// switched to WAL mode; a statement waits up to `sqliteBusyTimeout` for the write lock.
    /// `connectionsPerEventLoop` applies per event loop of the shared group.
    public static func open(
        _ location: DatabaseLocation,
        connectionsPerEventLoop: Int = 2,
        sqliteBusyTimeout: Duration = .seconds(30),
        logger: Logger
    ) async throws -> Database {
        let group = MultiThreadedEventLoopGroup.singleton
        let loops = Array(group.makeIterator()).count
        let database: Database
        switch location {
        case .sqlite(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // SQLite blocks a thread while it waits for the write lock. With a thread for every
            // connection, the connection holding the lock can always go on and commit; on a shared
            // pool as small as the core count, waiters could take every thread and stall it.
            let threadPool = NIOThreadPool(numberOfThreads: loops * connectionsPerEventLoop + 1)
            threadPool.start()
            let source = SQLiteTunedConnectionSource(
                base: SQLiteConnectionSource(
                    configuration: .init(storage: .file(path: path), enableForeignKeys: true), threadPool: threadPool
                ),
                busyTimeoutMilliseconds: Int(sqliteBusyTimeout.components.seconds * 1000 + sqliteBusyTimeout.components.attoseconds / 1_000_000_000_000_000)
            )
            let pool = EventLoopGroupConnectionPool(
                source: source, maxConnectionsPerEventLoop: connectionsPerEventLoop, requestTimeout: Self.connectionRequestTimeout, logger: logger, on: group
            )
            database = Database(
                engine: .sqlite, location: location, maximumConnections: loops * connectionsPerEventLoop,
                lender: PooledConnections(pool: pool, threadPool: threadPool)
            )
            try await database.withConnection { sql in
                try await sql.raw("PRAGMA journal_mode = WAL").run()
            }
        case .postgres(let url):
            let configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw StoreError.invalidConfiguration("cannot read the PostgreSQL URL: \(error)")
            }
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration),
                maxConnectionsPerEventLoop: connectionsPerEventLoop, requestTimeout: Self.connectionRequestTimeout, logger: logger, on: group
            )
            database = Database(
                engine: .postgres, location: location, maximumConnections: loops * connectionsPerEventLoop,
                lender: PooledConnections(pool: pool)
            )
        }
        return database
    }

    /// Runs `body` with one connection of the pool; throws ``StoreError/busy`` when none came free
    /// in the pool's waiting time.
    public func withConnection<R>(_ body: (any SQLDatabase) async throws -> R) async throws -> R {
        let waitStarted = ContinuousClock.now
        do {
            return try await lender.withConnection { sql in
                connectionWait.recordInterval(since: waitStarted)
                connectionsInUse.increment()
                defer { connectionsInUse.decrement() }
                return try await body(sql)
            }
        } catch ConnectionPoolTimeoutError.connectionRequestTimeout {
            failures.increment()
            throw StoreError.busy
        } catch {
            failures.increment()
            throw error
        }
    }

    /// Runs `body` inside one transaction, committed when it returns and rolled back when it throws.
    /// On SQLite the transaction takes the write lock at once (`BEGIN IMMEDIATE`), so two writers
    /// queue instead of failing half-way; writers of this process queue in ``writerLock`` first,
    /// before they take a connection.
    public func transaction<R>(_ body: (any SQLDatabase) async throws -> R) async throws -> R {
        guard engine == .sqlite else {
            return try await withConnection { sql in try await sql.inTransaction(immediate: false, body) }
        }
        await writerLock.acquire()
        do {
            let result = try await withConnection { sql in try await sql.inTransaction(immediate: true, body) }
            await writerLock.release()
            return result
        } catch {
            await writerLock.release()
            throw error
        }
    }

    /// Answers whether the database takes a trivial query.
    public func isReachable() async -> Bool {
        do {
            return try await withConnection { sql in
                try await sql.raw("SELECT 1 AS one").first() != nil
            }
        } catch {
            return false
        }
    }

    /// Closes every connection. The database cannot be used afterwards.
    public func shutdown() async throws {
        try await lender.shutdown()
    }
}

extension Timer {
    fileprivate func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let (seconds, attoseconds) = elapsed.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
