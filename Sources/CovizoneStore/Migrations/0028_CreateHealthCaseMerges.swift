import SQLKit

/// The merges the exchange made on its own — a facility's report joined to a person another
/// facility reported — kept for officers to review: what the facility sent, the person as they
/// stood before, the keys the person held then; and the splits that undo them (a facility's
/// reports of that person go to a person of their own from then on). A case's events are kept as
/// reported (`event`), every one of them, and its milestones read from them in time order, so
/// that a late report or an undone merge settles the case again.
struct CreateHealthCaseMerges: Migration {
    let version = 28
    let name = "health case merges"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.raw("ALTER TABLE hx_case_events RENAME COLUMN status TO event").run()
        try await sql.create(table: "hx_merges")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("patient_id", type: .bigint, .notNull, .references("hx_patients", "id"))
            .column("account_id", type: .bigint, .notNull, .references("users", "id"))
            .column("province_code", type: .text)
            .column("matched_by", type: .text, .notNull)
            .column("incoming", type: .text, .notNull)
            .column("previous", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("reviewed_by", type: .bigint, .references("users", "id"))
            .column("reviewed_at", type: .bigint)
            .column("split_patient_id", type: .bigint, .references("hx_patients", "id"))
            .run()
        try await sql.create(index: "hx_merges_status").on("hx_merges").column("status").column("province_code").column("id").run()
        try await sql.create(table: "hx_patient_splits")
            .column("patient_id", type: .bigint, .notNull, .references("hx_patients", "id"))
            .column("account_id", type: .bigint, .notNull, .references("users", "id"))
            .column("split_patient_id", type: .bigint, .notNull, .references("hx_patients", "id"))
            .run()
        try await sql.create(index: "hx_patient_splits_unique").unique().on("hx_patient_splits").column("patient_id").column("account_id").run()
    }
}
