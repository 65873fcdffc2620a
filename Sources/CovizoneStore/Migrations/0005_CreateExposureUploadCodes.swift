import SQLKit

/// Upload codes issued by health authorities. Only SHA-256 hashes of the codes are stored.
struct CreateExposureUploadCodes: Migration {
    let version = 5
    let name = "create exposure upload codes"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "exposure_upload_codes")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("short_code_hash", type: .blob, .notNull, .unique)
            .column("long_code_hash", type: .blob, .notNull, .unique)
            .column("test_type", type: .text, .notNull)
            .column("test_date", type: .text)
            .column("symptom_date", type: .text)
            .column("province_code", type: .text)
            .column("issued_by", type: .bigint, .notNull, .references("users", "id"))
            .column("issued_at", type: .bigint, .notNull)
            .column("short_expires_at", type: .bigint, .notNull)
            .column("long_expires_at", type: .bigint, .notNull)
            .column("claimed_at", type: .bigint)
            .column("used_at", type: .bigint)
            .run()
        try await sql.create(index: "exposure_upload_codes_province").on("exposure_upload_codes").column("province_code").column("id").run()
        try await sql.create(index: "exposure_upload_codes_issuer").on("exposure_upload_codes").column("issued_by").column("issued_at").run()
    }
}
