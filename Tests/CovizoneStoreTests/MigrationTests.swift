import CovizoneStore
import CovizoneTestSupport
import Foundation
import Logging
import Messaging
import SQLKit
import Testing

@Suite("Migrations")
struct MigrationTests {
    let logger = Logger(label: "test")

    @Test("replay every migration from empty", arguments: TestEngine.available)
    func replayFromEmpty(engine: TestEngine) async throws {
        try await withStore(engine) { store in
        let database = try await Database.open(store.location, logger: logger)
        let applied = try await Migrator().migrate(database, logger: logger)
        #expect(applied == Migrations.all.map(\.name))
        #expect(try await Migrator().currentVersion(database) == Migrations.all.count)
        for table in ["users", "sessions", "audit_log", "attempts"] {
            let count = try await database.withConnection { sql in
                try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first()?
                    .decode(column: "n", as: Int.self)
            }
            #expect(count == 0, "table \(table) should exist and be empty")
        }
        let again = try await Migrator().migrate(database, logger: logger)
        #expect(again.isEmpty)
        try await database.shutdown()
        }
    }

    @Test("the SMSC ids of sent parts survive the outbound queue's new indexes (migration 15)", arguments: TestEngine.available)
    func partsKeptAcrossMigration15(engine: TestEngine) async throws {
        try await withStore(engine) { store in
            let database = try await Database.open(store.location, logger: logger)
            try await Migrator(migrations: Array(Migrations.all.prefix(14))).migrate(database, logger: logger)
            try await database.withConnection { sql in
                try await sql.raw(
                    """
                    INSERT INTO outbound_messages (purpose, priority, phone, operator, sender, body, parts, status, not_before, created_at, updated_at)
                    VALUES ('one-time-code', 0, '+84912345678', 'vinaphone', 'Covizone', 'Ma: 1', 1, 'submitted', 0, 0, 0)
                    """
                ).run()
                try await sql.raw("INSERT INTO smsc_messages (smsc, smsc_id, outbound_id, state, created_at) VALUES ('vnpt', 'A1', 1, 'ACCEPTD', 0)").run()
            }
            #expect(try await Migrator().migrate(database, logger: logger).count == Migrations.all.count - 14)
            let queue = OutboundQueueRepository(database: database)
            let receipt = HeldReceipt(smsc: "vnpt", smscID: "A1", phone: "+84912345678", state: .delivered, error: nil, receivedAt: Date())
            #expect(try await queue.applyReceipts([receipt], at: Date()) == 1, "the part is still found by its SMSC id")
            #expect(try await queue.messages(to: "+84912345678").first?.status == .delivered)
            try await database.shutdown()
        }
    }

    @Test("attempts recorded as login failures are kept, under their name, when the table is renamed (migration 18)", arguments: TestEngine.available)
    func attemptsKeptAcrossMigration18(engine: TestEngine) async throws {
        try await withStore(engine) { store in
            let database = try await Database.open(store.location, logger: logger)
            try await Migrator(migrations: Array(Migrations.all.prefix(17))).migrate(database, logger: logger)
            try await database.withConnection { sql in
                try await sql.raw("INSERT INTO login_failures (username, remote_address, occurred_at) VALUES ('lan', '192.0.2.1', 100)").run()
            }
            #expect(try await Migrator(migrations: Array(Migrations.all.prefix(18))).migrate(database, logger: logger) == ["login_failures renamed attempts"])
            let attempts = AttemptRepository(database: database)
            let counted = try await attempts.attempt(name: "lan", remoteAddress: "192.0.2.2", at: Date(timeIntervalSince1970: 200), since: .distantPast)
            #expect(counted.byName == 2 && counted.byAddress == 1, "the old attempt counts under its name")
            try await database.shutdown()
        }
    }

    @Test("entry declarations stored before migration 29 are found by their phone after it", arguments: TestEngine.available)
    func declarationPhonesDigestedByMigration29(engine: TestEngine) async throws {
        try await withStore(engine) { store in
            let database = try await Database.open(store.location, logger: logger)
            try await Migrator(migrations: Array(Migrations.all.prefix(28))).migrate(database, logger: logger)
            try await database.withConnection { sql in
                try await sql.raw(
                    """
                    INSERT INTO declarations (kind, code, revision, questionnaire_id, questionnaire_version, answers, risk_level, risk_reasons, submitted_at, updated_at)
                    VALUES ('entry', 'OLD-0001', 1, 'entry', 1, '{"phone":"+84912000111"}', 'low', '[]', 100, 100),
                           ('entry', 'OLD-0002', 1, 'entry', 1, '{"full_name":"no phone"}', 'low', '[]', 100, 100)
                    """
                ).run()
            }
            _ = try await Migrator(migrations: Array(Migrations.all.prefix(29))).migrate(database, logger: logger)
            #expect(try await DeclarationRepository(database: database).declarations(ofPhone: "+84912000111", limit: 5).map(\.code) == ["OLD-0001"])
            try await database.shutdown()
        }
    }

    @Test("dropping every table empties the store, foreign keys and all, and the migrations build it again", arguments: TestEngine.available)
    func dropAllTables(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let user = try await UserRepository(database: database).create(username: "lan", passwordHash: "h", role: .ministryAdmin, provinceCode: nil, at: Date())
            try await SessionRepository(database: database).create(
                tokenHash: Data([1, 2, 3]), userID: user.id, kind: .api, csrfToken: nil, at: Date(), expiresAt: Date() + 60
            )
            try await database.dropAllTables()
            await #expect(throws: (any Error).self, "the migrations' record went too") { try await Migrator().currentVersion(database) }
            #expect(try await Migrator().migrate(database, logger: logger) == Migrations.all.map(\.name))
            #expect(try await UserRepository(database: database).count() == 0)
        }
    }

    @Test("versions are numbered 1…n without gaps")
    func versionsAreSequential() {
        #expect(Migrations.all.map(\.version) == Array(1...Migrations.all.count))
    }

    @Test("on SQLite an instance waits for another's migrations past the busy timeout instead of failing")
    func waitsPastBusyTimeout() async throws {
        try await withStore(.sqlite) { store in
            let waiting = try await Database.open(store.location, sqliteBusyTimeout: .milliseconds(100), logger: logger)
            let holder = try await Database.open(store.location, logger: logger)
            try await holder.withConnection { sql in try await sql.raw("CREATE TABLE IF NOT EXISTS held (x INTEGER)").run() }
            let (locked, lockTaken) = AsyncStream<Void>.makeStream()
            async let held: Void = holder.withConnection { sql in
                defer { lockTaken.finish() }
                try await sql.raw("BEGIN IMMEDIATE").run()
                lockTaken.finish()
                try await Task.sleep(for: .milliseconds(1_500))
                try await sql.raw("COMMIT").run()
            }
            for await _ in locked {}  // the other instance holds the write lock before this one migrates
            let applied = try await Migrator().migrate(waiting, logger: logger)
            try await held
            #expect(applied == Migrations.all.map(\.name), "it waited for the write lock, then migrated")
            try await waiting.shutdown()
            try await holder.shutdown()
        }
    }

    @Test("instances migrating at the same time do not collide", arguments: TestEngine.available)
    func concurrentMigrations(engine: TestEngine) async throws {
        try await withStore(engine) { store in
        let first = try await Database.open(store.location, logger: logger)
        let second = try await Database.open(store.location, logger: logger)
        async let a = Migrator().migrate(first, logger: logger)
        async let b = Migrator().migrate(second, logger: logger)
        let (appliedA, appliedB) = try await (a, b)
        #expect(appliedA.count + appliedB.count == Migrations.all.count)
        #expect(try await Migrator().currentVersion(first) == Migrations.all.count)
        try await first.shutdown()
        try await second.shutdown()
        }
    }

    @Test("a database newer than this build is refused", arguments: TestEngine.available)
    func refusesNewerSchema(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            try await database.withConnection { sql in
                try await sql.insert(into: "schema_migrations").columns("version", "name", "applied_at")
                    .values(SQLBind(Migrations.all.count + 1), SQLBind("from the future"), SQLBind(0)).run()
            }
            await #expect(throws: StoreError.schemaTooNew(stored: Migrations.all.count + 1, known: Migrations.all.count)) {
                try await Migrator().migrate(database, logger: logger)
            }
        }
    }

    @Test("SQLite runs in WAL mode with foreign keys on")
    func sqlitePragmas() async throws {
        try await withMigratedDatabase(.sqlite) { database in
            let mode = try await database.withConnection { sql in
                try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
            }
            #expect(mode == "wal")
            let foreignKeys = try await database.withConnection { sql in
                try await sql.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int.self)
            }
            #expect(foreignKeys == 1)
        }
    }
}
