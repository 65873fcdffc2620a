import SQLKit

/// Who read or exported personal data, when, and from where.
struct CreateAuditLog: Migration {
    let version = 3
    let name = "create audit log"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "audit_log")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("occurred_at", type: .bigint, .notNull)
            .column("actor_user_id", type: .bigint)
            .column("actor", type: .text, .notNull)
            .column("action", type: .text, .notNull)
            .column("subject", type: .text, .notNull)
            .column("province_code", type: .text)
            .column("request_id", type: .text)
            .column("remote_address", type: .text)
            .column("detail", type: .text)
            .run()
        try await sql.create(index: "audit_log_occurred_at").on("audit_log").column("occurred_at").run()
    }
}
