import CovizoneStore
import Foundation
import Logging
import PostgresKit

/// A database engine the tests can run on. SQLite is always there; PostgreSQL when
/// `COVIZONE_TEST_POSTGRES_URL` names a server whose user may create databases.
public enum TestEngine: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    /// The engines available on this machine.
    public static var available: [TestEngine] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["COVIZONE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public var description: String { rawValue }

    /// A fresh, empty store of this engine: a new SQLite file in a temporary folder, or a new
    /// PostgreSQL database (at most ``PostgresStoreGate``'s limit at once). Call
    /// ``TestStore/remove()`` when done.
    public func makeStore() async throws -> TestStore {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("covizone-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return TestStore(engine: self, dataDirectory: folder.path, databaseURL: nil, cleanup: .folder(folder))
        case .postgres:
            guard let base = Self.postgresURL, var components = URLComponents(string: base) else {
                throw TestStoreError.postgresNotConfigured
            }
            let name = "covizone_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
            await PostgresStoreGate.shared.acquire()
            do {
                try await Self.administer(base, "CREATE DATABASE \(name)")
            } catch {
                await PostgresStoreGate.shared.release()
                throw error
            }
            components.path = "/\(name)"
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("covizone-test-\(UUID().uuidString)")
            return TestStore(engine: self, dataDirectory: folder.path, databaseURL: components.string!, cleanup: .postgres(base: base, name: name))
        }
    }

    /// Runs one statement on the server named by `url` (the database in it must exist).
    static func administer(_ url: String, _ statement: String) async throws {
        let database = try await Database.open(.postgres(url: url), connectionsPerEventLoop: 1, logger: Logger(label: "test"))
        do {
            try await database.withConnection { try await $0.raw("\(unsafeRaw: statement)").run() }
        } catch {
            try? await database.shutdown()
            throw error
        }
        try await database.shutdown()
    }
}

/// A temporary store for one test.
public struct TestStore: Sendable {
    public let engine: TestEngine
    /// Folder for SQLite (and any local files).
    public let dataDirectory: String
    /// Set for PostgreSQL.
    public let databaseURL: String?
    let cleanup: Cleanup

    enum Cleanup: Sendable {
        case folder(URL)
        case postgres(base: String, name: String)
    }

    public var location: DatabaseLocation {
        DatabaseLocation.resolve(databaseURL: databaseURL, dataDirectory: dataDirectory)
    }

    /// Opens and migrates the store.
    public func open() async throws -> Database {
        let database = try await Database.open(location, connectionsPerEventLoop: 2, logger: Logger(label: "test"))
        try await Migrator().migrate(database, logger: Logger(label: "test"))
        return database
    }

    /// Deletes the store.
    public func remove() async {
        switch cleanup {
        case .folder(let folder):
            try? FileManager.default.removeItem(at: folder)
        case .postgres(let base, let name):
            try? await TestEngine.administer(base, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            await PostgresStoreGate.shared.release()
        }
    }
}

public enum TestStoreError: Error {
    case postgresNotConfigured
}

/// Runs `body` with a new, empty store of `engine`, then deletes it.
public func withStore(_ engine: TestEngine, _ body: (TestStore) async throws -> Void) async throws {
    let store = try await engine.makeStore()
    do {
        try await body(store)
    } catch {
        await store.remove()
        throw error
    }
    await store.remove()
}

/// Runs `body` with a migrated store of `engine`, then closes and deletes it.
public func withMigratedDatabase(_ engine: TestEngine, _ body: (Database) async throws -> Void) async throws {
    let store = try await engine.makeStore()
    let database: Database
    do {
        database = try await store.open()
    } catch {
        await store.remove()
        throw error
    }
    do {
        try await body(database)
    } catch {
        try? await database.shutdown()
        await store.remove()
        throw error
    }
    try await database.shutdown()
    await store.remove()
}
