import SQLKit

extension Database {
    /// Runs `body` if no other instance holds the PostgreSQL advisory lock `key`, else returns nil
    /// at once. On SQLite, where one process owns the file, `body` always runs.
    public func ifLockAvailable<R: Sendable>(_ key: Int64, _ body: () async throws -> R) async throws -> R? {
        guard engine == .postgres else { return try await body() }
        return try await withConnection { sql in
            let row = try await sql.raw("SELECT pg_try_advisory_lock(\(literal: Int(key))) AS locked").first()
            guard try row?.decode(column: "locked", as: Bool.self) == true else { return nil }
            do {
                let result = try await body()
                try await sql.raw("SELECT pg_advisory_unlock(\(literal: Int(key)))").run()
                return result
            } catch {
                try? await sql.raw("SELECT pg_advisory_unlock(\(literal: Int(key)))").run()
                throw error
            }
        }
    }
}
