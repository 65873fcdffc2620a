import SQLKit

/// Outbreaks declared at venues and the warnings queued for exposed visitors (sent by the
/// messaging layer once it exists; until then the queue is shown on a page).
struct CreateOutbreaks: Migration {
    let version = 9
    let name = "create outbreaks and warnings"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "outbreaks")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("venue_id", type: .bigint, .notNull, .references("venues", "id"))
            .column("province_code", type: .text, .notNull)
            .column("from_at", type: .bigint, .notNull)
            .column("to_at", type: .bigint, .notNull)
            .column("message", type: .text, .notNull)
            .column("severity", type: .text, .notNull)
            .column("exposed_visits", type: .bigint, .notNull)
            .column("declared_by", type: .bigint, .notNull, .references("users", "id"))
            .column("declared_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "outbreaks_venue").on("outbreaks").column("venue_id").column("id").run()
        try await sql.create(table: "warning_queue")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("outbreak_id", type: .bigint, .notNull, .references("outbreaks", "id"))
            .column("phone", type: .text, .notNull)
            .column("message", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "warning_queue_status").on("warning_queue").column("status").column("id").run()
    }
}
