import SQLKit

/// Health declarations (entry and voluntary) with every revision kept. The current answers sit
/// on the declaration row (worklists read only those); `declaration_revisions` holds the history,
/// the current revision included. The province and ward of the stay are copied out of the answers
/// so that worklists and retention need no JSON look-ups.
struct CreateDeclarations: Migration {
    let version = 11
    let name = "create declarations"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "declarations")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("kind", type: .text, .notNull)
            .column("code", type: .text, .notNull, .unique)
            .column("revision", type: .bigint, .notNull)
            .column("questionnaire_id", type: .text, .notNull)
            .column("questionnaire_version", type: .bigint, .notNull)
            .column("answers", type: .text, .notNull)
            .column("risk_level", type: .text, .notNull)
            .column("risk_reasons", type: .text, .notNull)
            .column("province_code", type: .text)
            .column("ward_code", type: .text)
            .column("amend_token_hash", type: .blob)
            .column("submitted_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "declarations_province_time").on("declarations").column("province_code").column("updated_at").run()
        try await sql.create(index: "declarations_kind_time").on("declarations").column("kind").column("submitted_at").run()
        try await sql.create(table: "declaration_revisions")
            .column("declaration_id", type: .bigint, .notNull, .references("declarations", "id"))
            .column("revision", type: .bigint, .notNull)
            .column("questionnaire_version", type: .bigint, .notNull)
            .column("answers", type: .text, .notNull)
            .column("risk_level", type: .text, .notNull)
            .column("risk_reasons", type: .text, .notNull)
            .column("submitted_at", type: .bigint, .notNull)
            .primaryKey("declaration_id", "revision")
            .run()
    }
}
