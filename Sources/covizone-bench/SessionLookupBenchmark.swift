import ArgumentParser
import CovizoneCore
import CovizoneServer
import CovizoneStore
import Foundation
import Logging
import SQLKit

/// Looks up bearer tokens the way every authenticated request does (hash → session joined with its
/// account), from several tasks at once, on a fresh SQLite store or the PostgreSQL server given.
struct SessionLookupBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "session-lookup", abstract: "Token lookups per second.")

    @Option(help: "Lookups in total.") var count = 50_000
    @Option(help: "Concurrent tasks.") var concurrency = 8
    @Option(name: .customLong("database-url"), help: "PostgreSQL to measure instead of a temporary SQLite file.") var databaseURL: String?

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("covizone-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = ServerConfiguration()
        configuration.dataDirectory = folder.path
        configuration.databaseURL = databaseURL
        let database = try await openMigratedDatabase(configuration: configuration, logger: Logger(label: "bench"))
        let users = UserRepository(database: database)
        let sessions = SessionRepository(database: database)
        let now = Date()
        let user = try await users.create(
            username: "bench-\(UUID().uuidString.prefix(8).lowercased())", passwordHash: "x", role: .ministryAdmin, provinceCode: nil, at: now
        )
        let hashes: [Data] = (0..<1000).map { (index: Int) -> Data in
            var generator = SystemRandomNumberGenerator()
            return Data.random(count: 32, using: &generator)
        }
        for hash in hashes {
            try await sessions.create(tokenHash: hash, userID: user.id, kind: .api, csrfToken: nil, at: now, expiresAt: now + 3600)
        }
        let perTask = count / concurrency
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<concurrency {
                group.addTask {
                    var found = 0
                    for index in 0..<perTask where try await sessions.findActive(tokenHash: hashes[(index + task) % hashes.count], kind: .api, at: now) != nil {
                        found += 1
                    }
                    return found
                }
            }
            let found = try await group.reduce(0, +)
            precondition(found == perTask * concurrency, "every token must be found")
        }
        report("session lookups (\(database.engine.rawValue), \(concurrency) tasks)", operations: perTask * concurrency, elapsed: ContinuousClock.now - started)
        // Leave a shared PostgreSQL as it was: the account's sessions go with it.
        try await database.withConnection { sql in try await sql.delete(from: "users").where("id", .equal, user.id).run() }
        try await database.shutdown()
    }
}
