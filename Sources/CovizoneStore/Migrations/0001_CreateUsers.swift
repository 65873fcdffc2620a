import SQLKit

/// Accounts of officials, operators and venue owners.
struct CreateUsers: Migration {
    let version = 1
    let name = "create users"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "users")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("username", type: .text, .notNull, .unique)
            .column("password_hash", type: .text, .notNull)
            .column("role", type: .text, .notNull)
            .column("province_code", type: .text)
            .column("created_at", type: .bigint, .notNull)
            .column("password_changed_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "users_province_code").on("users").column("province_code").run()
    }
}
