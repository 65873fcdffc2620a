import SQLKit

/// Follow-ups of declarations by health authorities, in the manner of WHO Go.Data: each is a
/// status with a note, the officer and the time; the declaration keeps its latest status so
/// that worklists filter on it without a join.
struct CreateDeclarationFollowUps: Migration {
    let version = 12
    let name = "create declaration follow-ups"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.alter(table: "declarations").column("follow_up_status", type: .text, .notNull, .default("new")).run()
        try await sql.create(table: "declaration_follow_ups")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("declaration_id", type: .bigint, .notNull, .references("declarations", "id"))
            .column("status", type: .text, .notNull)
            .column("note", type: .text, .notNull)
            .column("officer_id", type: .bigint, .notNull, .references("users", "id"))
            .column("officer", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "declaration_follow_ups_declaration").on("declaration_follow_ups").column("declaration_id").run()
    }
}
