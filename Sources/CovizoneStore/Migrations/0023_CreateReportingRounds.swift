import SQLKit

/// Communication reporting's rounds and reports: a round is a period a subtree reports on; each
/// unit's report keeps its status on the row and its values one per row (so a subtree's sums are
/// one grouped query), and every save, completion and reopening is kept with who and when.
struct CreateReportingRounds: Migration {
    let version = 23
    let name = "reporting rounds"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "reporting_rounds")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("form_id", type: .text, .notNull)
            .column("form_version", type: .bigint, .notNull)
            .column("name", type: .text, .notNull)
            .column("start_day", type: .bigint, .notNull)
            .column("end_day", type: .bigint, .notNull)
            .column("due_at", type: .bigint, .notNull)
            .column("locks_at", type: .bigint, .notNull)
            .column("org_unit_id", type: .bigint, .notNull, .references("reporting_org_units", "id"))
            .column("org_unit_path", type: .text, .notNull)
            .column("province_code", type: .text)
            .column("created_by", type: .bigint, .references("users", "id"))
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "reporting_rounds_province").on("reporting_rounds").column("province_code").column("id").run()
        try await sql.create(table: "reporting_reports")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("round_id", type: .bigint, .notNull, .references("reporting_rounds", "id"))
            .column("org_unit_id", type: .bigint, .notNull, .references("reporting_org_units", "id"))
            .column("org_unit_path", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("notes", type: .text, .notNull)
            .column("proposals", type: .text, .notNull)
            .column("completed_at", type: .bigint)
            .column("open_until", type: .bigint)
            .column("updated_by", type: .text, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .unique("round_id", "org_unit_id")
            .run()
        try await sql.create(index: "reporting_reports_round").on("reporting_reports").column("round_id").column("status").column("org_unit_path").run()
        try await sql.create(table: "reporting_values")
            .column("report_id", type: .bigint, .notNull, .references("reporting_reports", "id"))
            .column("element", type: .text, .notNull)
            .column("value", type: .bigint, .notNull)
            .primaryKey("report_id", "element")
            .run()
        try await sql.create(table: "reporting_report_history")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("report_id", type: .bigint, .notNull, .references("reporting_reports", "id"))
            .column("action", type: .text, .notNull)
            .column("snapshot", type: .text, .notNull)
            .column("actor", type: .text, .notNull)
            .column("at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "reporting_report_history_report").on("reporting_report_history").column("report_id").column("id").run()
    }
}
