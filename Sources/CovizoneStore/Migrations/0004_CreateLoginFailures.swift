import SQLKit

/// Recent failed logins, counted per account and per address to slow down password guessing.
struct CreateLoginFailures: Migration {
    let version = 4
    let name = "create login failures"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "login_failures")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("username", type: .text, .notNull)
            .column("remote_address", type: .text, .notNull)
            .column("occurred_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "login_failures_username").on("login_failures").column("username").column("occurred_at").run()
        try await sql.create(index: "login_failures_address").on("login_failures").column("remote_address").column("occurred_at").run()
    }
}
