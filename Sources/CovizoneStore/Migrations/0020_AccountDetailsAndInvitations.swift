import SQLKit

/// Accounts that officers create: a display name, a phone and an organisation unit, a time it
/// was disabled, who created it; and the one-time invitations with which a person sets the
/// password of an account made for them (stored hashed, single use); the audit log by subject.
struct AccountDetailsAndInvitations: Migration {
    let version = 20
    let name = "account details and invitations"

    func prepare(on sql: any SQLDatabase) async throws {
        for (column, type) in [("display_name", SQLDataType.text), ("phone", .text), ("org_unit_id", .text), ("created_by", .text), ("disabled_at", .bigint)] {
            try await sql.alter(table: "users").column(column, type: type).run()
        }
        try await sql.create(index: "users_role").on("users").column("role").column("id").run()
        try await sql.create(table: "account_invitations")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull, .references("users", "id"))
            .column("token_hash", type: .blob, .notNull, .unique)
            .column("created_by", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .column("used_at", type: .bigint)
            .run()
        try await sql.create(index: "account_invitations_user").on("account_invitations").column("user_id").run()
        // An account's page shows its history: the audit entries about it.
        try await sql.create(index: "audit_log_subject").on("audit_log").column("subject").column("id").run()
    }
}
