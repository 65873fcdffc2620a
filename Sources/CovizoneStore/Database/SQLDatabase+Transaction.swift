import SQLKit

extension SQLDatabase {
    /// Runs `body` in a transaction on this connection: committed when it returns, rolled back when it throws.
    /// `immediate` takes SQLite's write lock at the start (`BEGIN IMMEDIATE`).
    func inTransaction<R>(immediate: Bool, _ body: (any SQLDatabase) async throws -> R) async throws -> R {
        try await raw(immediate ? "BEGIN IMMEDIATE" : "BEGIN").run()
        do {
            let result = try await body(self)
            try await raw("COMMIT").run()
            return result
        } catch {
            try? await raw("ROLLBACK").run()
            throw error
        }
    }
}
