import Foundation
import SQLKit

/// A request to a platform to take down the posts of a claim.
public struct TakedownRecord: Sendable, Equatable {
    /// What the platform did.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case removed
        case partlyRemoved = "partly-removed"
        case restricted
        case refused
    }

    public var id: Int64
    public var claimID: Int64
    public var platform: String
    /// The law the request rests on (e.g. Decree 15/2020/NĐ-CP).
    public var legalBasis: String
    public var provinceCode: String?
    public var createdBy: String
    public var createdAt: Date
    public var sentAt: Date?
    /// When the platform's time to act runs out (from its SLA, set when sent).
    public var dueAt: Date?
    public var acknowledgedAt: Date?
    public var outcome: Outcome?
    public var removedAt: Date?
    public var closedAt: Date?
    public var itemIDs: [Int64]

    /// Sent, not closed, and past its due time at `now`.
    public func isOverdue(at now: Date) -> Bool {
        guard let dueAt else { return false }
        return (closedAt ?? now) > dueAt
    }

    static let columns = [
        "id", "claim_id", "platform", "legal_basis", "province_code", "created_by", "created_at", "sent_at", "due_at", "acknowledged_at", "outcome",
        "removed_at", "closed_at",
    ]

    init(row: any SQLRow, itemIDs: [Int64]) throws {
        id = try row.decode(column: "id", as: Int64.self)
        claimID = try row.decode(column: "claim_id", as: Int64.self)
        platform = try row.decode(column: "platform", as: String.self)
        legalBasis = try row.decode(column: "legal_basis", as: String.self)
        provinceCode = try row.optionalString("province_code")
        createdBy = try row.decode(column: "created_by", as: String.self)
        createdAt = try row.date("created_at")
        sentAt = try row.optionalDate("sent_at")
        dueAt = try row.optionalDate("due_at")
        acknowledgedAt = try row.optionalDate("acknowledged_at")
        outcome = try row.optionalString("outcome").flatMap(Outcome.init(rawValue:))
        removedAt = try row.optionalDate("removed_at")
        closedAt = try row.optionalDate("closed_at")
        self.itemIDs = itemIDs
    }
}

/// Takedown requests and the items each names.
public struct TakedownRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func create(
        claimID: Int64, platform: String, legalBasis: String, provinceCode: String?, itemIDs: [Int64], by actor: String, at now: Date
    ) async throws -> TakedownRecord {
        let id = try await database.transaction { sql in
            guard let row = try await sql.insert(into: "mis_takedowns").columns("claim_id", "platform", "legal_basis", "province_code", "created_by", "created_at")
                .values(SQLBind(claimID), SQLBind(platform), SQLBind(legalBasis), SQLBind(provinceCode), SQLBind(actor), SQLBind(now.unixSeconds))
                .returning("id").first()
            else { throw StoreError.notFound("the new takedown request") }
            let id = try row.decode(column: "id", as: Int64.self)
            for itemID in itemIDs {
                try await sql.insert(into: "mis_takedown_items").columns("takedown_id", "item_id").values(SQLBind(id), SQLBind(itemID)).run()
            }
            return id
        }
        guard let created = try await find(id: id) else { throw StoreError.notFound("takedown request \(id)") }
        return created
    }

    public func find(id: Int64) async throws -> TakedownRecord? {
        try await records(database.withConnection { sql in
            try await sql.select().columns(TakedownRecord.columns).from("mis_takedowns").where("id", .equal, id).all()
        }).first
    }

    /// Requests of `provinces` (with national ones; every one when nil), of claim `claimID` when
    /// given, the open ones only when asked, newest first, before `beforeID` when given.
    public func list(provinces: [String]?, claimID: Int64?, openOnly: Bool, beforeID: Int64?, limit: Int) async throws -> [TakedownRecord] {
        try await records(database.withConnection { sql in
            var query = sql.select().columns(TakedownRecord.columns).from("mis_takedowns")
            if let provinces { query = query.where { $0.where("province_code", .is, SQLLiteral.null).orWhere("province_code", .in, provinces) } }
            if let claimID { query = query.where("claim_id", .equal, claimID) }
            if openOnly { query = query.where("closed_at", .is, SQLLiteral.null) }
            if let beforeID { query = query.where("id", .lessThan, beforeID) }
            return try await query.orderBy("id", .descending).limit(limit).all()
        })
    }

    /// Records what happened to request `id`: `change` gets the stored request and returns it changed.
    public func update(id: Int64, _ change: (TakedownRecord) throws -> TakedownRecord) async throws -> TakedownRecord? {
        guard let current = try await find(id: id) else { return nil }
        let changed = try change(current)
        try await database.withConnection { sql in
            try await sql.update("mis_takedowns").set("sent_at", to: SQLBind(changed.sentAt?.unixSeconds)).set("due_at", to: SQLBind(changed.dueAt?.unixSeconds))
                .set("acknowledged_at", to: SQLBind(changed.acknowledgedAt?.unixSeconds)).set("outcome", to: SQLBind(changed.outcome?.rawValue))
                .set("removed_at", to: SQLBind(changed.removedAt?.unixSeconds)).set("closed_at", to: SQLBind(changed.closedAt?.unixSeconds))
                .where("id", .equal, id).run()
        }
        return changed
    }

    /// Rows with the items each names.
    private func records(_ rows: [any SQLRow]) async throws -> [TakedownRecord] {
        let ids = try rows.map { try $0.decode(column: "id", as: Int64.self) }
        guard !ids.isEmpty else { return [] }
        let links = try await database.withConnection { sql in
            try await sql.select().columns("takedown_id", "item_id").from("mis_takedown_items").where("takedown_id", .in, ids).orderBy("item_id").all()
        }
        var items: [Int64: [Int64]] = [:]
        for link in links { items[try link.decode(column: "takedown_id", as: Int64.self), default: []].append(try link.decode(column: "item_id", as: Int64.self)) }
        return try rows.map { row in try TakedownRecord(row: row, itemIDs: items[try row.decode(column: "id", as: Int64.self)] ?? []) }
    }
}
