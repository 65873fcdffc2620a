import CovizoneCore
import Foundation
import SQLKit

extension UserRepository {
    /// Which accounts a listing holds: any of the fields left nil matches every account.
    public struct Filter: Sendable, Equatable {
        public var role: Role?
        public var provinceCode: String?
        /// Part of the username or display name, any case.
        public var text: String?

        public init(role: Role? = nil, provinceCode: String? = nil, text: String? = nil) {
            self.role = role
            self.provinceCode = provinceCode
            self.text = text
        }
    }

    /// Stores a new account with its details and who created it (nil: the command line or the
    /// first start). Throws ``StoreError/duplicate(_:)`` when the username is taken.
    public func create(
        username: String, passwordHash: String, role: Role, provinceCode: String?, details: AccountDetails, createdBy: String?, at now: Date
    ) async throws -> UserRecord {
        try await database.withConnection { sql in
            try await Self.insert(
                username: username, passwordHash: passwordHash, role: role, provinceCode: provinceCode, details: details, createdBy: createdBy, at: now, on: sql
            )
        }
    }

    /// The insert of ``create(username:passwordHash:role:provinceCode:details:createdBy:at:)`` on
    /// `sql`, for callers that create accounts inside a transaction of their own.
    static func insert(
        username: String, passwordHash: String, role: Role, provinceCode: String?, details: AccountDetails, createdBy: String?, at now: Date,
        on sql: any SQLDatabase
    ) async throws -> UserRecord {
        let row = try await sql.insert(into: "users")
            .columns("username", "password_hash", "role", "province_code", "display_name", "phone", "org_unit_id", "created_by", "created_at", "password_changed_at")
            .values(
                SQLBind(username), SQLBind(passwordHash), SQLBind(role.rawValue), SQLBind(provinceCode), SQLBind(details.displayName), SQLBind(details.phone),
                SQLBind(details.orgUnitID), SQLBind(createdBy), SQLBind(now.unixSeconds), SQLBind(now.unixSeconds)
            )
            .ignoringConflicts(with: "username")
            .returning(SQLColumn("*"))
            .first()
        guard let row else { throw StoreError.duplicate("account \(username)") }
        return try UserRecord(row: row)
    }

    /// Accounts matching `filter`, ordered by id, after the account `afterID`.
    public func list(_ filter: Filter, afterID: Int64?, limit: Int) async throws -> [UserRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns(UserRecord.columns).from("users")
            if let role = filter.role { query = query.where("role", .equal, role.rawValue) }
            if let provinceCode = filter.provinceCode { query = query.where("province_code", .equal, provinceCode) }
            if let text = filter.text?.lowercased().replacingOccurrences(of: "%", with: ""), !text.isEmpty {
                // SQLite lowers ASCII letters only: a search is case-blind for them.
                let pattern = SQLBind("%" + text + "%")
                query = query.where { group in
                    group.where(SQLFunction("LOWER", args: SQLColumn("username")), .like, pattern)
                        .orWhere(SQLFunction("LOWER", args: SQLColumn("display_name")), .like, pattern)
                }
            }
            if let afterID { query = query.where("id", .greaterThan, afterID) }
            return try await query.orderBy("id").limit(limit).all().map { try UserRecord(row: $0) }
        }
    }
}

extension UserRepository {
    /// Replaces an account's details.
    public func update(id: Int64, details: AccountDetails) async throws {
        try await database.withConnection { sql in
            try await sql.update("users").set("display_name", to: SQLBind(details.displayName)).set("phone", to: SQLBind(details.phone))
                .set("org_unit_id", to: SQLBind(details.orgUnitID)).where("id", .equal, id).run()
        }
    }

    /// Disables an account, ending its sessions and tokens at once, or enables it again.
    public func setDisabled(id: Int64, _ disabled: Bool, at now: Date) async throws {
        try await database.transaction { sql in
            try await sql.update("users").set("disabled_at", to: disabled ? SQLBind(now.unixSeconds) : SQLBind(Int64?.none)).where("id", .equal, id).run()
            if disabled { try await sql.delete(from: "sessions").where("user_id", .equal, id).run() }
        }
    }
}

extension UserRepository {
    /// The enabled accounts bound to any of the organisation units `orgUnitIDs`.
    public func accounts(ofOrgUnits orgUnitIDs: [Int64]) async throws -> [UserRecord] {
        guard !orgUnitIDs.isEmpty else { return [] }
        return try await database.withConnection { sql in
            var found: [UserRecord] = []
            for chunk in stride(from: 0, to: orgUnitIDs.count, by: 500).map({ Array(orgUnitIDs[$0..<min($0 + 500, orgUnitIDs.count)]) }) {
                found += try await sql.select().columns(UserRecord.columns).from("users").where("org_unit_id", .in, chunk.map(String.init))
                    .where("disabled_at", .is, SQLLiteral.null).orderBy("id").all().map { try UserRecord(row: $0) }
            }
            return found
        }
    }
}
