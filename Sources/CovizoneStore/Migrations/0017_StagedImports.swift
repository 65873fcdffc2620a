import SQLKit

/// Subscriber lists are imported whole or not at all: rows are staged while the file streams in
/// and published with the import's report and audit entry in one transaction. An approval records
/// how many subscribers the list held when it was approved. A single text whose fate is unknown
/// is sent again once, as a new message that names it (`retry_of`, at most one per message).
struct StagedImports: Migration {
    let version = 17
    let name = "staged list imports, approved list size, single texts sent again"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "audience_staged_members")
            .column("staging_id", type: .bigint, .notNull)
            .column("phone", type: .text, .notNull)
            .column("province_code", type: .text, .notNull)
            .column("operator", type: .text, .notNull)
            .column("member_group", type: .text, .notNull)
            .column("staged_at", type: .bigint, .notNull)
            .primaryKey("staging_id", "phone")
            .run()
        try await sql.alter(table: "campaigns").column("approved_members", type: .bigint).run()
        try await sql.alter(table: "outbound_messages").column("retry_of", type: .bigint).run()
        let retries = sql.create(index: "outbound_messages_retry_of").unique().on("outbound_messages").column("retry_of")
        retries.createIndex.predicate = SQLRaw("retry_of IS NOT NULL")
        try await retries.run()
        let unconfirmedTexts = sql.create(index: "outbound_messages_unconfirmed_texts").on("outbound_messages").column("created_at")
        unconfirmedTexts.createIndex.predicate = SQLRaw("status = 'unconfirmed' AND round_id IS NULL")
        try await unconfirmedTexts.run()
    }
}
