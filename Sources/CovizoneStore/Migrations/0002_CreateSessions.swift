import SQLKit

/// Web sessions and API bearer tokens. Only a SHA-256 hash of each token is stored.
struct CreateSessions: Migration {
    let version = 2
    let name = "create sessions"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "sessions")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("token_hash", type: .blob, .notNull, .unique)
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("kind", type: .text, .notNull)
            .column("csrf_token", type: .text)
            .column("created_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "sessions_user_id").on("sessions").column("user_id").run()
        try await sql.create(index: "sessions_expires_at").on("sessions").column("expires_at").run()
    }
}
