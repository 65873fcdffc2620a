import Foundation
import HealthDeclaration
import SQLKit

/// Households, their members and their bearer tokens.
public struct HouseholdRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The household of `phone`, created when it is new.
    public func findOrCreate(phone: String, at now: Date) async throws -> HouseholdRecord {
        try await database.withConnection { sql in
            _ = try await sql.insert(into: "households").columns("phone", "created_at").values(SQLBind(phone), SQLBind(now.unixSeconds))
                .ignoringConflicts().run()
            guard let row = try await sql.select().columns(HouseholdRecord.columns).from("households").where("phone", .equal, phone).first() else {
                throw StoreError.notFound("household")
            }
            return try HouseholdRecord(row: row)
        }
    }

    public func addToken(hash: Data, householdID: Int64, at now: Date, expiresAt: Date) async throws {
        try await database.withConnection { sql in
            try await sql.insert(into: "household_tokens").columns("token_hash", "household_id", "created_at", "expires_at")
                .values(SQLBind(hash), SQLBind(householdID), SQLBind(now.unixSeconds), SQLBind(expiresAt.unixSeconds)).run()
        }
    }

    /// The household a live token belongs to.
    public func household(tokenHash: Data, at now: Date) async throws -> HouseholdRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(HouseholdRecord.columns.map { SQLColumn($0, table: "households") }).from("households")
                .join("household_tokens", on: SQLColumn("id", table: "households"), .equal, SQLColumn("household_id", table: "household_tokens"))
                .where(SQLColumn("token_hash", table: "household_tokens"), .equal, SQLBind(tokenHash))
                .where(SQLColumn("expires_at", table: "household_tokens"), .greaterThan, SQLBind(now.unixSeconds))
                .first().map { try HouseholdRecord(row: $0) }
        }
    }

    /// Sets where the household lives and when it wants its daily reminder.
    public func update(_ householdID: Int64, provinceCode: String, wardCode: String, street: String, reminderHour: Int?) async throws -> HouseholdRecord {
        try await database.withConnection { sql in
            let row = try await sql.update("households").set("province_code", to: provinceCode).set("ward_code", to: wardCode).set("street", to: street)
                .set("reminder_hour", to: reminderHour).where("id", .equal, householdID).returning(HouseholdRecord.columns.map { SQLColumn($0) }).first()
            guard let row else { throw StoreError.notFound("household") }
            return try HouseholdRecord(row: row)
        }
    }

    public func addMember(_ member: HouseholdMemberDetails, to householdID: Int64, at now: Date) async throws -> HouseholdMember {
        try await database.withConnection { sql in
            let row = try await sql.insert(into: "household_members")
                .columns("household_id", "full_name", "birth_year", "sex", "relation", "id_number", "created_at")
                .values(
                    SQLBind(householdID), SQLBind(member.fullName), SQLBind(member.birthYear), SQLBind(member.sex.rawValue), SQLBind(member.relation.rawValue),
                    SQLBind(member.idNumber), SQLBind(now.unixSeconds)
                )
                .returning(HouseholdMember.columns.map { SQLColumn($0) }).first()
            guard let row else { throw StoreError.notFound("the new member") }
            return try HouseholdMember(row: row)
        }
    }

    /// The household's current members, in the order they were added.
    public func members(of householdID: Int64) async throws -> [HouseholdMember] {
        try await database.withConnection { sql in
            try await sql.select().columns(HouseholdMember.columns).from("household_members").where("household_id", .equal, householdID)
                .where("removed_at", .is, SQLLiteral.null).orderBy("id").all().map { try HouseholdMember(row: $0) }
        }
    }

    /// Removes a member of the household (their declarations stay until retention ends them);
    /// false when the household has no such member.
    public func removeMember(_ memberID: Int64, of householdID: Int64, at now: Date) async throws -> Bool {
        try await database.withConnection { sql in
            try await sql.update("household_members").set("removed_at", to: now.unixSeconds).where("id", .equal, memberID)
                .where("household_id", .equal, householdID).where("removed_at", .is, SQLLiteral.null).returning("id").first() != nil
        }
    }

    /// The name of each member in `memberIDs` and their household's phone, for worklists.
    public func contacts(of memberIDs: Set<Int64>) async throws -> [Int64: (name: String, phone: String)] {
        guard !memberIDs.isEmpty else { return [:] }
        return try await database.withConnection { sql in
            let rows = try await sql.select().column(SQLColumn("id", table: "household_members")).column(SQLColumn("full_name", table: "household_members"))
                .column(SQLColumn("phone", table: "households")).from("household_members")
                .join("households", on: SQLColumn("household_id", table: "household_members"), .equal, SQLColumn("id", table: "households"))
                .where(SQLColumn("id", table: "household_members"), .in, SQLGroupExpression(memberIDs.sorted().map { SQLBind($0) })).all()
            var contacts: [Int64: (name: String, phone: String)] = [:]
            for row in rows {
                contacts[try row.decode(column: "id", as: Int64.self)] = (try row.decode(column: "full_name", as: String.self), try row.decode(column: "phone", as: String.self))
            }
            return contacts
        }
    }

    /// Claims today's reminder for every household that asked for one at `hour` and has a
    /// member without an update since `dayStart`: each household is claimed once per `day`
    /// (days since 1970), whichever instance gets there first. Returns the phones to remind.
    public func claimReminders(hour: Int, day: Int, dayStart: Date) async throws -> [String] {
        try await database.withConnection { sql in
            let due = try await sql.raw(
                """
                SELECT h.id FROM households h WHERE h.reminder_hour = \(bind: hour)
                AND (h.last_reminded_day IS NULL OR h.last_reminded_day < \(bind: day))
                AND EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = h.id AND m.removed_at IS NULL
                AND NOT EXISTS (SELECT 1 FROM declarations d WHERE d.member_id = m.id AND d.submitted_at >= \(bind: dayStart.unixSeconds)))
                """
            ).all().map { try $0.decode(column: "id", as: Int64.self) }
            var phones: [String] = []
            for id in due {
                let claimed = try await sql.update("households").set("last_reminded_day", to: day).where("id", .equal, id)
                    .where(SQLGroupExpression(
                        SQLBinaryExpression(
                            SQLBinaryExpression(SQLColumn("last_reminded_day"), .is, SQLLiteral.null), .or,
                            SQLBinaryExpression(SQLColumn("last_reminded_day"), .lessThan, SQLBind(day))
                        )
                    ))
                    .returning("phone").first()
                if let claimed { phones.append(try claimed.decode(column: "phone", as: String.self)) }
            }
            return phones
        }
    }

    /// Deletes tokens that expired before `cutoff`; returns how many.
    @discardableResult
    public func deleteExpiredTokens(before cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.delete(from: "household_tokens").where("expires_at", .lessThan, cutoff.unixSeconds).returning("token_hash").all().count
        }
    }
}
