import Foundation
import Misinformation
import OfficialInformation
import SQLKit

/// Claims, the history of their changes, and the desk's figures.
public struct ClaimRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Which claims a list holds.
    public struct Filter: Sendable, Equatable {
        /// National claims and those of these provinces (every one when nil).
        public var provinces: [String]?
        public var statuses: [ClaimStatus]?
        public var publishedOnly: Bool

        public init(provinces: [String]? = nil, statuses: [ClaimStatus]? = nil, publishedOnly: Bool = false) {
            self.provinces = provinces
            self.statuses = statuses
            self.publishedOnly = publishedOnly
        }
    }

    /// A change to record with a claim's new state.
    public struct Change: Sendable, Equatable {
        public var kind: ClaimEventRecord.Kind
        public var detail: String

        public init(_ kind: ClaimEventRecord.Kind, _ detail: String) {
            self.kind = kind
            self.detail = detail
        }
    }

    public func find(id: Int64) async throws -> ClaimRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(ClaimRecord.columns).from("mis_claims").where("id", .equal, id).first().map(ClaimRecord.init(row:))
        }
    }

    public func claims(ids: [Int64]) async throws -> [ClaimRecord] {
        guard !ids.isEmpty else { return [] }
        return try await database.withConnection { sql in
            try await sql.select().columns(ClaimRecord.columns).from("mis_claims").where("id", .in, ids).all().map(ClaimRecord.init(row:))
        }
    }

    /// Claims matching `filter`, newest first, before `beforeID` when given.
    public func list(_ filter: Filter, beforeID: Int64?, limit: Int) async throws -> [ClaimRecord] {
        try await database.withConnection { sql in
            var query = Self.filtered(sql.select().columns(ClaimRecord.columns).from("mis_claims"), filter)
            if let beforeID { query = query.where("id", .lessThan, beforeID) }
            return try await query.orderBy("id", .descending).limit(limit).all().map(ClaimRecord.init(row:))
        }
    }

    /// The claims still to decide (undetermined or in progress) of `provinces`, the highest
    /// score first (those without one last, then the most repeated, then the oldest).
    public func queue(provinces: [String]?, offset: Int, limit: Int) async throws -> [ClaimRecord] {
        try await database.withConnection { sql in
            let filter = Filter(provinces: provinces, statuses: [.undetermined, .inProgress])
            return try await Self.filtered(sql.select().columns(ClaimRecord.columns).from("mis_claims"), filter)
                .orderBy(SQLFunction("COALESCE", args: SQLColumn("score"), SQLLiteral.numeric("-1")), SQLDirection.descending)
                .orderBy("items", .descending).orderBy("id", .ascending).offset(offset).limit(limit).all().map(ClaimRecord.init(row:))
        }
    }

    /// Writes `change`'s new state of claim `id` (read and written with the row locked) and its
    /// history; nil when there is no such claim.
    public func modify(
        id: Int64, actor: String, at now: Date, _ change: (ClaimRecord) throws -> (ClaimRecord, [Change])
    ) async throws -> ClaimRecord? {
        let isPostgres = database.engine == .postgres
        return try await database.transaction { sql in
            var current = sql.select().columns(ClaimRecord.columns).from("mis_claims").where("id", .equal, id)
            if isPostgres { current = current.lockingClause(SQLRaw("FOR UPDATE")) }
            guard let row = try await current.first() else { return nil }
            let (claim, changes) = try change(try ClaimRecord(row: row))
            guard !changes.isEmpty else { return claim }
            try await sql.update("mis_claims").set("title", to: claim.title).set("province_code", to: SQLBind(claim.provinceCode))
                .set("status", to: claim.status.rawValue).set("verdict", to: SQLBind(try claim.verdict.map(StoredJSON.text)))
                .set("source_url", to: SQLBind(claim.sourceURL)).set("evidence", to: try StoredJSON.text(claim.evidence))
                .set("assignee_id", to: SQLBind(claim.assigneeID)).set("decided_at", to: SQLBind(claim.decidedAt?.unixSeconds))
                .set("published_at", to: SQLBind(claim.publishedAt?.unixSeconds)).set("updated_at", to: now.unixSeconds)
                .where("id", .equal, id).run()
            for change in changes {
                try await Self.record(change, status: claim.status, claimID: id, actor: actor, at: now, on: sql)
            }
            var saved = claim
            saved.updatedAt = now
            return saved
        }
    }

    /// The changes of claim `id`, oldest first.
    public func events(ofClaim id: Int64) async throws -> [ClaimEventRecord] {
        try await database.withConnection { sql in
            try await sql.select().columns("id", "kind", "status", "detail", "actor", "at").from("mis_claim_events").where("claim_id", .equal, id)
                .orderBy("id").all().map(ClaimEventRecord.init(row:))
        }
    }

    static func record(_ change: Change, status: ClaimStatus, claimID: Int64, actor: String, at now: Date, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "mis_claim_events").columns("claim_id", "kind", "status", "detail", "actor", "at")
            .values(SQLBind(claimID), SQLBind(change.kind.rawValue), SQLBind(status.rawValue), SQLBind(change.detail), SQLBind(actor), SQLBind(now.unixSeconds))
            .run()
    }

    static func filtered(_ query: SQLSelectBuilder, _ filter: Filter) -> SQLSelectBuilder {
        var query = query
        if let provinces = filter.provinces {
            query = query.where { $0.where("province_code", .is, SQLLiteral.null).orWhere("province_code", .in, provinces) }
        }
        if let statuses = filter.statuses { query = query.where("status", .in, statuses.map(\.rawValue)) }
        if filter.publishedOnly {
            query = query.where("published_at", .isNot, SQLLiteral.null).where("status", .in, ClaimStatus.allCases.filter(\.isVerdict).map(\.rawValue))
        }
        return query
    }
}
