import Foundation
import SQLKit

/// An account on a platform that spread claims, with what links it to them and what was decided about it.
public struct SpreaderAccountRecord: Sendable, Equatable {
    /// What was decided about the account.
    public struct Decision: Sendable, Equatable {
        public enum Kind: String, Sendable, Codable, CaseIterable {
            case warning, fine, referral
        }

        public var id: Int64
        public var kind: Kind
        public var basis: String
        public var note: String
        public var officer: String
        public var at: Date
    }

    /// A claim (and item) the account spread.
    public struct Link: Sendable, Equatable {
        public var claimID: Int64
        public var itemID: Int64?
    }

    public var id: Int64
    public var platform: String
    public var handle: String
    public var url: String?
    public var provinceCode: String?
    public var createdBy: String
    public var createdAt: Date
    /// The last link or decision: the account is forgotten once this is older than the retention.
    public var lastActivityAt: Date
    public var links: [Link] = []
    public var decisions: [Decision] = []

    static let columns = ["id", "platform", "handle", "url", "province_code", "created_by", "created_at", "last_activity_at"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        platform = try row.decode(column: "platform", as: String.self)
        handle = try row.decode(column: "handle", as: String.self)
        url = try row.optionalString("url")
        provinceCode = try row.optionalString("province_code")
        createdBy = try row.decode(column: "created_by", as: String.self)
        createdAt = try row.date("created_at")
        lastActivityAt = try row.date("last_activity_at")
    }
}

/// Spreader accounts, kept for the desk's roles only and no longer than their retention.
public struct SpreaderAccountRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The account `handle` on `platform`, created when new; linked to `claimID` (and `itemID`).
    public func record(
        platform: String, handle: String, url: String?, provinceCode: String?, claimID: Int64, itemID: Int64?, by actor: String, at now: Date
    ) async throws -> SpreaderAccountRecord {
        let id = try await database.transaction { sql in
            try await sql.insert(into: "mis_accounts").columns("platform", "handle", "url", "province_code", "created_by", "created_at", "last_activity_at")
                .values(SQLBind(platform), SQLBind(handle), SQLBind(url), SQLBind(provinceCode), SQLBind(actor), SQLBind(now.unixSeconds), SQLBind(now.unixSeconds))
                .ignoringConflicts(with: ["platform", "handle"]).run()
            guard let row = try await sql.select().column("id").from("mis_accounts").where("platform", .equal, platform).where("handle", .equal, handle).first()
            else { throw StoreError.notFound("account \(handle)") }
            let id = try row.decode(column: "id", as: Int64.self)
            try await sql.insert(into: "mis_account_links").columns("account_id", "claim_id", "item_id").values(SQLBind(id), SQLBind(claimID), SQLBind(itemID)).run()
            try await sql.update("mis_accounts").set("last_activity_at", to: now.unixSeconds).where("id", .equal, id).run()
            return id
        }
        guard let account = try await find(id: id) else { throw StoreError.notFound("account \(id)") }
        return account
    }

    /// Adds a decision about account `id`; nil when there is no such account.
    public func decide(
        id: Int64, kind: SpreaderAccountRecord.Decision.Kind, basis: String, note: String, by officer: String, at now: Date
    ) async throws -> SpreaderAccountRecord? {
        guard try await find(id: id) != nil else { return nil }
        try await database.transaction { sql in
            try await sql.insert(into: "mis_account_decisions").columns("account_id", "kind", "basis", "note", "officer", "at")
                .values(SQLBind(id), SQLBind(kind.rawValue), SQLBind(basis), SQLBind(note), SQLBind(officer), SQLBind(now.unixSeconds)).run()
            try await sql.update("mis_accounts").set("last_activity_at", to: now.unixSeconds).where("id", .equal, id).run()
        }
        return try await find(id: id)
    }

    public func find(id: Int64) async throws -> SpreaderAccountRecord? {
        try await database.withConnection { sql in
            guard let row = try await sql.select().columns(SpreaderAccountRecord.columns).from("mis_accounts").where("id", .equal, id).first() else { return nil }
            var account = try SpreaderAccountRecord(row: row)
            account.links = try await sql.select().columns("claim_id", "item_id").from("mis_account_links").where("account_id", .equal, id).all()
                .map { .init(claimID: try $0.decode(column: "claim_id", as: Int64.self), itemID: try $0.optionalInt64("item_id")) }
            account.decisions = try await sql.select().columns("id", "kind", "basis", "note", "officer", "at").from("mis_account_decisions")
                .where("account_id", .equal, id).orderBy("id").all()
                .map {
                    .init(
                        id: try $0.decode(column: "id", as: Int64.self), kind: try $0.value("kind", as: SpreaderAccountRecord.Decision.Kind.self),
                        basis: try $0.decode(column: "basis", as: String.self), note: try $0.decode(column: "note", as: String.self),
                        officer: try $0.decode(column: "officer", as: String.self), at: try $0.date("at")
                    )
                }
            return account
        }
    }

    /// Accounts of `provinces` (with national ones; every one when nil), newest first, before `beforeID` when given.
    public func list(provinces: [String]?, beforeID: Int64?, limit: Int) async throws -> [SpreaderAccountRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns(SpreaderAccountRecord.columns).from("mis_accounts")
            if let provinces { query = query.where { $0.where("province_code", .is, SQLLiteral.null).orWhere("province_code", .in, provinces) } }
            if let beforeID { query = query.where("id", .lessThan, beforeID) }
            return try await query.orderBy("id", .descending).limit(limit).all().map(SpreaderAccountRecord.init(row:))
        }
    }

    /// Deletes the accounts without a link or decision since `cutoff` (with their links and decisions); returns how many.
    public func deleteInactive(before cutoff: Date) async throws -> Int {
        try await database.transaction { sql in
            let ids = try await sql.select().column("id").from("mis_accounts").where("last_activity_at", .lessThan, cutoff.unixSeconds).all()
                .map { try $0.decode(column: "id", as: Int64.self) }
            guard !ids.isEmpty else { return 0 }
            try await sql.delete(from: "mis_account_links").where("account_id", .in, ids).run()
            try await sql.delete(from: "mis_account_decisions").where("account_id", .in, ids).run()
            try await sql.delete(from: "mis_accounts").where("id", .in, ids).run()
            return ids.count
        }
    }
}
