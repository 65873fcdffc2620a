import SQLKit

/// Data sharing with the health system: one row per person whoever reported them (`hx_patients`,
/// found again by hashed keys: an identifier, or phone + name + birth date), the identifiers and
/// the facilities each person came from, the diagnoses, lab results and stays the facilities sent,
/// and each case's status with every change (who, which facility, when).
struct CreateHealthDataExchange: Migration {
    let version = 26
    let name = "health data exchange"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "hx_patients")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("name", type: .text, .notNull)
            .column("birth_date", type: .text)
            .column("gender", type: .text)
            .column("phone", type: .text)
            .column("province_code", type: .text)
            .column("ward_code", type: .text)
            .column("address", type: .text)
            .column("deceased_at", type: .bigint)
            .column("status", type: .text, .notNull)
            .column("status_at", type: .bigint, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "hx_patients_province").on("hx_patients").column("province_code").column("id").run()
        try await sql.create(table: "hx_patient_keys")
            .column("key_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("patient_id", type: .bigint, .notNull, .references("hx_patients", "id"))
            .run()
        try await sql.create(index: "hx_patient_keys_patient").on("hx_patient_keys").column("patient_id").run()
        try await sql.create(table: "hx_patient_identifiers")
            .column("patient_id", type: .bigint, .notNull, .references("hx_patients", "id"))
            .column("system", type: .text, .notNull)
            .column("value", type: .text, .notNull)
            .run()
        try await sql.create(index: "hx_patient_identifiers_unique").unique().on("hx_patient_identifiers").column("patient_id").column("system").column("value").run()
        try await sql.create(table: "hx_patient_sources")
            .column("patient_id", type: .bigint, .notNull, .references("hx_patients", "id"))
            .column("account_id", type: .bigint, .notNull, .references("users", "id"))
            .column("first_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "hx_patient_sources_unique").unique().on("hx_patient_sources").column("patient_id").column("account_id").run()
        try await sql.create(table: "hx_records")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("patient_id", type: .bigint, .notNull, .references("hx_patients", "id"))
            .column("account_id", type: .bigint, .notNull, .references("users", "id"))
            .column("kind", type: .text, .notNull)
            .column("resource", type: .text, .notNull)
            .column("at", type: .bigint, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "hx_records_patient").on("hx_records").column("patient_id").column("kind").column("id").run()
        try await sql.create(table: "hx_case_events")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("patient_id", type: .bigint, .notNull, .references("hx_patients", "id"))
            .column("status", type: .text, .notNull)
            .column("account_id", type: .bigint, .references("users", "id"))
            .column("at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "hx_case_events_patient").on("hx_case_events").column("patient_id").column("id").run()
    }
}
