import SQLKit

/// The days the demo world was built for, so that a later start with `--demo` adds only the
/// days that are missing.
struct CreateDemoDays: Migration {
    let version = 19
    let name = "demo_days"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "demo_days")
            .column("day", type: .text, .primaryKey(autoIncrement: false))
            .column("built_at", type: .bigint, .notNull)
            .run()
    }
}
