@preconcurrency import AsyncKit
import Logging
import NIOCore
import SQLiteKit

/// Opens SQLite connections set up for a server: foreign keys on, a busy timeout so concurrent
/// writers wait instead of failing, and `synchronous = NORMAL`, which is durable in WAL mode.
struct SQLiteTunedConnectionSource: ConnectionPoolSource {
    let base: SQLiteConnectionSource
    let busyTimeoutMilliseconds: Int

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        base.makeConnection(logger: logger, on: eventLoop).flatMap { connection in
            connection.query("PRAGMA busy_timeout = \(busyTimeoutMilliseconds)")
                .flatMap { _ in connection.query("PRAGMA synchronous = NORMAL") }
                .map { _ in connection }
        }
    }
}
