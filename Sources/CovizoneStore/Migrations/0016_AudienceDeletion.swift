import SQLKit

/// Subscriber lists can be deleted, by an officer or by the retention limit: a deleted list keeps
/// its row (name and owner, for the campaigns that used it) with when and by whom it was deleted,
/// and loses its members and import reports.
struct AudienceDeletion: Migration {
    let version = 16
    let name = "deleted subscriber lists"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.alter(table: "audiences").column("deleted_at", type: .bigint).run()
        try await sql.alter(table: "audiences").column("deleted_by", type: .text).run()
    }
}
