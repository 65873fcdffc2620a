import SQLKit

/// Check-ins at venues. The province and ward are copied from the venue so that zoning counts
/// need no join; the phone is E.164 and optional (app users may give a device id only).
struct CreateVisits: Migration {
    let version = 8
    let name = "create visits"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "visits")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("venue_id", type: .bigint, .notNull, .references("venues", "id"))
            .column("province_code", type: .text, .notNull)
            .column("ward_code", type: .text, .notNull)
            .column("phone", type: .text)
            .column("device_id", type: .text)
            .column("entry_method", type: .text, .notNull)
            .column("checked_in_at", type: .bigint, .notNull)
            .column("expected_checkout_at", type: .bigint, .notNull)
            .column("checked_out_at", type: .bigint)
            .column("token_hash", type: .blob, .notNull)
            .run()
        try await sql.create(index: "visits_venue_time").on("visits").column("venue_id").column("checked_in_at").run()
        try await sql.create(index: "visits_phone").on("visits").column("phone").column("checked_in_at").run()
        try await sql.create(index: "visits_device").on("visits").column("device_id").column("checked_in_at").run()
    }
}
