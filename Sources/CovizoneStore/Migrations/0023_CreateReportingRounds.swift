import SQLKit

/// Communication reporting's rounds and reports: a round is a period a subtree reports on; each
/// unit's report keeps its status on the row and its values one per row, each value carrying its
/// round, unit path, province and whether it counts (its report is complete), so that a
/// subtree's sums are one indexed scan of one table; every save, completion and reopening is kept
/// with who and when. On PostgreSQL the path indexes use `text_pattern_ops`, so that `LIKE
/// 'prefix%'` finds a subtree with them whatever the database's collation.
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
        try await sql.create(table: "reporting_values")
            .column("report_id", type: .bigint, .notNull, .references("reporting_reports", "id"))
            .column("element", type: .text, .notNull)
            .column("value", type: .bigint, .notNull)
            .column("round_id", type: .bigint, .notNull)
            .column("org_unit_path", type: .text, .notNull)
            .column("province_code", type: .text)
            .column("counted", type: .bigint, .notNull)
            .primaryKey("report_id", "element")
            .run()
        try await pathIndex("reporting_reports_round", on: "reporting_reports", ["round_id", "status"], path: "org_unit_path", sql)
        // Covering: a subtree's sums are read from the index alone.
        try await pathIndex("reporting_values_scope", on: "reporting_values", ["round_id", "counted"], path: "org_unit_path", then: ["province_code", "element", "value"], sql)
        // Migration 22's index on the path serves SQLite's byte ranges; PostgreSQL's LIKE needs its own.
        if sql.dialect.name == "postgresql" { try await pathIndex("reporting_org_units_subtree", on: "reporting_org_units", [], path: "path", sql) }
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

    /// An index on `columns`, then a unit path made for prefix searches on either engine, then `then`.
    private func pathIndex(_ name: String, on table: String, _ columns: [String], path: String, then: [String] = [], _ sql: any SQLDatabase) async throws {
        let pathColumn = sql.dialect.name == "postgresql" ? path + " text_pattern_ops" : path
        let list = (columns + [pathColumn] + then).joined(separator: ", ")
        try await sql.raw(SQLQueryString("CREATE INDEX \(name) ON \(table) (\(list))")).run()
    }
}
