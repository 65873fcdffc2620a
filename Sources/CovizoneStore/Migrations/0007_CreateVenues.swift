import SQLKit

/// Venues that display a check-in QR code: registered by their owner (pending until a province
/// officer approves) or by a province officer (approved at once).
struct CreateVenues: Migration {
    let version = 7
    let name = "create venues"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "venues")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("owner_id", type: .bigint, .references("users", "id"))
            .column("name", type: .text, .notNull)
            .column("type", type: .text, .notNull)
            .column("province_code", type: .text, .notNull)
            .column("ward_code", type: .text, .notNull)
            .column("address", type: .text, .notNull)
            .column("latitude", type: .real)
            .column("longitude", type: .real)
            .column("contact_phone", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("approved_by", type: .bigint, .references("users", "id"))
            .column("approved_at", type: .bigint)
            .run()
        try await sql.create(index: "venues_province").on("venues").column("province_code").column("id").run()
        try await sql.create(index: "venues_owner").on("venues").column("owner_id").column("id").run()
    }
}
