import SQLKit

/// Communication reporting's organisation units: a tree (the ministry, the provinces, and the
/// agencies, districts, press and telecom branches under them), each unit with its materialised
/// path of ids from the root, so that a subtree is one prefix.
struct CreateOrgUnits: Migration {
    let version = 22
    let name = "reporting organisation units"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "reporting_org_units")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("name", type: .text, .notNull)
            .column("kind", type: .text, .notNull)
            .column("parent_id", type: .bigint, .references("reporting_org_units", "id"))
            .column("path", type: .text)
            .column("province_code", type: .text)
            .column("created_by", type: .bigint, .references("users", "id"))
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "reporting_org_units_parent").on("reporting_org_units").column("parent_id").column("id").run()
        try await sql.create(index: "reporting_org_units_path").on("reporting_org_units").column("path").run()
        try await sql.create(index: "reporting_org_units_province").on("reporting_org_units").column("province_code").column("kind").run()
    }
}
