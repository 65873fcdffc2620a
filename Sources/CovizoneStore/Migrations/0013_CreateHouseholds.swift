import SQLKit

/// Households for voluntary declarations: an account per verified phone, its members (people
/// without a phone of their own), its bearer tokens and the one-time codes that verify the
/// phone; a declaration may belong to a member. `text_messages` is the outbox of single texts
/// (one-time codes, reminders) that the messaging layer sends.
struct CreateHouseholds: Migration {
    let version = 13
    let name = "create households and the text message outbox"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "households")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("phone", type: .text, .notNull, .unique)
            .column("province_code", type: .text)
            .column("ward_code", type: .text)
            .column("street", type: .text)
            .column("reminder_hour", type: .bigint)
            .column("last_reminded_day", type: .bigint)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await sql.create(table: "household_members")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("household_id", type: .bigint, .notNull, .references("households", "id"))
            .column("full_name", type: .text, .notNull)
            .column("birth_year", type: .bigint, .notNull)
            .column("sex", type: .text, .notNull)
            .column("relation", type: .text, .notNull)
            .column("id_number", type: .text)
            .column("created_at", type: .bigint, .notNull)
            .column("removed_at", type: .bigint)
            .run()
        try await sql.create(index: "household_members_household").on("household_members").column("household_id").run()
        try await sql.create(table: "household_tokens")
            .column("token_hash", type: .blob, .primaryKey(autoIncrement: false))
            .column("household_id", type: .bigint, .notNull, .references("households", "id"))
            .column("created_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .run()
        try await sql.create(table: "phone_verifications")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("phone", type: .text, .notNull)
            .column("code_hash", type: .blob, .notNull)
            .column("attempts", type: .bigint, .notNull, .default(0))
            .column("created_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "phone_verifications_phone").on("phone_verifications").column("phone").column("created_at").run()
        try await sql.alter(table: "declarations").column("member_id", type: .bigint).run()
        try await sql.create(index: "declarations_member").on("declarations").column("member_id").column("submitted_at").run()
        try await sql.create(table: "text_messages")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("phone", type: .text, .notNull)
            .column("body", type: .text, .notNull)
            .column("purpose", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "text_messages_status").on("text_messages").column("status").column("id").run()
        try await sql.create(index: "text_messages_time").on("text_messages").column("created_at").run()
    }
}
