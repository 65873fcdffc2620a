import Foundation
import Logging
import SQLKit
import SQLiteKit

/// Brings a database up to ``Migrations/all``. Safe to run from several instances at once:
/// on PostgreSQL an advisory lock makes them take turns, on SQLite the write lock does.
public struct Migrator: Sendable {
    /// Key of the PostgreSQL advisory lock held while migrating.
    static let advisoryLockKey = 0x436F_7669_7A6F  // "Coviz"
    let migrations: [any Migration]

    public init(migrations: [any Migration] = Migrations.all) {
        self.migrations = migrations
    }

    /// How long an instance on SQLite waits for another instance's migrations (SQLite's busy
    /// timeout is shorter than migrating a large store may take).
    static let sqliteWaitLimit: Duration = .seconds(600)

    /// Applies the migrations the database lacks and returns their names. All of them run in one
    /// transaction, inside the PostgreSQL advisory lock or SQLite's write lock, so a second
    /// instance waits and then finds nothing left to do.
    @discardableResult
    public func migrate(_ database: Database, logger: Logger) async throws -> [String] {
        let deadline = ContinuousClock.now + Self.sqliteWaitLimit
        while true {
            do {
                return try await migrateOnce(database, logger: logger)
            } catch let error as SQLiteError where error.reason == .busy && ContinuousClock.now < deadline {
                logger.info("waiting for another instance's migrations")
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    private func migrateOnce(_ database: Database, logger: Logger) async throws -> [String] {
        try await database.withConnection { sql in
            let isPostgres = database.engine == .postgres
            if isPostgres {
                try await sql.raw("SELECT pg_advisory_lock(\(literal: Self.advisoryLockKey))").run()
            }
            do {
                let applied = try await sql.inTransaction(immediate: !isPostgres) { sql in
                    try await sql.create(table: "schema_migrations").ifNotExists()
                        .column("version", type: .bigint, .primaryKey(autoIncrement: false))
                        .column("name", type: .text, .notNull)
                        .column("applied_at", type: .bigint, .notNull)
                        .run()
                    return try await applyMissing(on: sql, logger: logger)
                }
                if isPostgres {
                    try await sql.raw("SELECT pg_advisory_unlock(\(literal: Self.advisoryLockKey))").run()
                }
                return applied
            } catch {
                if isPostgres {
                    try? await sql.raw("SELECT pg_advisory_unlock(\(literal: Self.advisoryLockKey))").run()
                }
                throw error
            }
        }
    }

    /// The highest version applied so far (0 for an empty database).
    public func currentVersion(_ database: Database) async throws -> Int {
        try await database.withConnection { sql in try await storedVersion(on: sql) }
    }

    private func storedVersion(on sql: any SQLDatabase) async throws -> Int {
        let row = try await sql.raw("SELECT MAX(version) AS version FROM schema_migrations").first()
        return try row?.optionalInt64("version").map(Int.init) ?? 0
    }

    private func applyMissing(on sql: any SQLDatabase, logger: Logger) async throws -> [String] {
        let stored = try await storedVersion(on: sql)
        guard stored <= migrations.count else {
            throw StoreError.schemaTooNew(stored: stored, known: migrations.count)
        }
        var applied: [String] = []
        for migration in migrations where migration.version > stored {
            try await migration.prepare(on: sql)
            try await sql.insert(into: "schema_migrations")
                .columns("version", "name", "applied_at")
                .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(Date().unixSeconds))
                .run()
            logger.info("applied migration", metadata: ["migration.version": "\(migration.version)", "migration.name": "\(migration.name)"])
            applied.append(migration.name)
        }
        return applied
    }
}
