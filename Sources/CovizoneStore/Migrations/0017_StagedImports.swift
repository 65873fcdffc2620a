import SQLKit

/// Subscriber lists are imported whole or not at all: rows are staged while the file streams in
/// and published with the import's report and audit entry in one transaction. An approval records
/// how many subscribers the list held when it was approved.
struct StagedImports: Migration {
    let version = 17
    let name = "staged list imports, approved list size"

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
    }
}
