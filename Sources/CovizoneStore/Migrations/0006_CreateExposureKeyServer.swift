import SQLKit

/// The verification and key server: verification tokens on upload codes, signing keys, used
/// certificates, published keys, risk configurations, daily upload counts, and export batches
/// with their files.
struct CreateExposureKeyServer: Migration {
    let version = 6
    let name = "create exposure key server"

    func prepare(on sql: any SQLDatabase) async throws {
        // A code claimed on a phone is exchanged for a token (stored as its SHA-256) that buys one certificate.
        try await sql.alter(table: "exposure_upload_codes").column("token_hash", type: .blob).run()
        try await sql.alter(table: "exposure_upload_codes").column("token_expires_at", type: .bigint).run()
        try await sql.create(index: "exposure_upload_codes_token").unique().on("exposure_upload_codes").column("token_hash").run()

        try await sql.create(table: "exposure_signing_keys")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("purpose", type: .text, .notNull)
            .column("key_id", type: .text, .notNull)
            .column("key_version", type: .text, .notNull)
            .column("private_key", type: .blob, .notNull)
            .column("public_key_pem", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("retires_at", type: .bigint)
            .run()
        try await sql.create(index: "exposure_signing_keys_identity").unique().on("exposure_signing_keys")
            .column("purpose").column("key_id").column("key_version").run()

        try await sql.create(table: "exposure_used_certificates")
            .column("certificate_id", type: .text, .primaryKey(autoIncrement: false))
            .column("expires_at", type: .bigint, .notNull)
            .run()

        try await sql.create(table: "exposure_keys")
            .column("key_data", type: .blob, .primaryKey(autoIncrement: false))
            .column("rolling_start", type: .bigint, .notNull)
            .column("rolling_period", type: .bigint, .notNull)
            .column("transmission_risk", type: .bigint, .notNull)
            .column("report_type", type: .bigint, .notNull)
            .column("days_since_onset", type: .bigint)
            .column("region", type: .text, .notNull)
            .column("available_at", type: .bigint, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("revision_token_hash", type: .blob, .notNull)
            .column("revised_at", type: .bigint)
            .column("revised_report_type", type: .bigint)
            .column("revised_transmission_risk", type: .bigint)
            .column("revised_days_since_onset", type: .bigint)
            .run()
        // Covers the export query, so cutting a batch reads the index alone.
        try await sql.create(index: "exposure_keys_available").on("exposure_keys")
            .column("region").column("available_at").column("key_data").column("rolling_start").column("rolling_period")
            .column("transmission_risk").column("report_type").column("days_since_onset")
            .run()
        try await sql.create(index: "exposure_keys_revised").on("exposure_keys").column("region").column("revised_at").run()
        try await sql.create(index: "exposure_keys_rolling_start").on("exposure_keys").column("rolling_start").run()

        // Versions of the risk configuration phones score exposures with, newest served.
        try await sql.create(table: "exposure_risk_configurations")
            .column("version", type: .bigint, .primaryKey(autoIncrement: false))
            .column("configuration", type: .text, .notNull)
            .column("created_by", type: .bigint, .notNull, .references("users", "id"))
            .column("created_at", type: .bigint, .notNull)
            .run()

        // Uploads counted per day (Vietnam time) for the statistics page; no row per upload.
        try await sql.create(table: "exposure_publish_counts")
            .column("day", type: .text, .primaryKey(autoIncrement: false))
            .column("publishes", type: .bigint, .notNull)
            .column("keys", type: .bigint, .notNull)
            .run()

        try await sql.create(table: "exposure_export_batches")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("region", type: .text, .notNull)
            .column("start_at", type: .bigint, .notNull)
            .column("end_at", type: .bigint, .notNull)
            .column("key_count", type: .bigint, .notNull)
            .column("revised_key_count", type: .bigint, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "exposure_export_batches_window").unique().on("exposure_export_batches").column("region").column("start_at").run()

        try await sql.create(table: "exposure_export_files")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("batch_id", type: .bigint, .notNull, .references("exposure_export_batches", "id"))
            .column("region", type: .text, .notNull)
            .column("name", type: .text, .notNull, .unique)
            .column("batch_number", type: .bigint, .notNull)
            .column("key_count", type: .bigint, .notNull)
            .column("content", type: .blob, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "exposure_export_files_region").on("exposure_export_files").column("region").column("batch_id").run()
    }
}
