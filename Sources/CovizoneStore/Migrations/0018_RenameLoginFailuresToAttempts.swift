import SQLKit

/// The table of failed sign-ins became the record of every costly attempt (guesses of
/// passwords and upload codes, one-time codes asked for): it is named for what it holds, and its
/// `username` column, which holds any throttled name, becomes `name`.
struct RenameLoginFailuresToAttempts: Migration {
    let version = 18
    let name = "login_failures renamed attempts"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.drop(index: "login_failures_username").run()
        try await sql.drop(index: "login_failures_address").run()
        try await sql.raw("ALTER TABLE login_failures RENAME TO attempts").run()
        try await sql.raw("ALTER TABLE attempts RENAME COLUMN username TO name").run()
        try await sql.create(index: "attempts_name").on("attempts").column("name").column("occurred_at").run()
        try await sql.create(index: "attempts_address").on("attempts").column("remote_address").column("occurred_at").run()
    }
}
