import Foundation
import SQLKit

/// A citizen's question that no entry answered well enough.
public struct InfoQuestionRecord: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open
        /// Answered by an entry (``entryID``).
        case answered
        /// Not a question officers answer (abuse, off topic, a duplicate).
        case dismissed
    }

    public var id: Int64
    public var text: String
    public var provinceCode: String?
    /// `web`, `api` or `sms`.
    public var channel: String
    public var askedAt: Date
    public var status: Status
    public var entryID: Int64?

    static let columns = ["id", "text", "province_code", "channel", "asked_at", "status", "entry_id"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        text = try row.decode(column: "text", as: String.self)
        provinceCode = try row.optionalString("province_code")
        channel = try row.decode(column: "channel", as: String.self)
        askedAt = try row.date("asked_at")
        status = try row.value("status", as: Status.self)
        entryID = try row.optionalInt64("entry_id")
    }
}

/// Citizens' questions: asked (no phone or name kept), grouped and answered by officers, removed after the retention period.
public struct InfoQuestionRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func add(text: String, provinceCode: String?, channel: String, at now: Date) async throws -> Int64 {
        try await database.withConnection { sql in
            guard let row = try await sql.insert(into: "info_questions").columns("text", "province_code", "channel", "asked_at", "status")
                .values(SQLBind(text), SQLBind(provinceCode), SQLBind(channel), SQLBind(now.unixSeconds), SQLBind(InfoQuestionRecord.Status.open.rawValue))
                .returning("id").first()
            else { throw StoreError.notFound("the new question") }
            return try row.decode(column: "id", as: Int64.self)
        }
    }

    /// The newest open questions of `provinces` (with those asked without a province; every one when nil), newest first.
    public func open(provinces: [String]?, limit: Int) async throws -> [InfoQuestionRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns(InfoQuestionRecord.columns).from("info_questions").where("status", .equal, InfoQuestionRecord.Status.open.rawValue)
            if let provinces {
                query = query.where { group in group.where("province_code", .is, SQLLiteral.null).orWhere("province_code", .in, provinces) }
            }
            return try await query.orderBy("id", .descending).limit(limit).all().map { try InfoQuestionRecord(row: $0) }
        }
    }

    public func questions(ids: [Int64]) async throws -> [InfoQuestionRecord] {
        guard !ids.isEmpty else { return [] }
        return try await database.withConnection { sql in
            try await sql.select().columns(InfoQuestionRecord.columns).from("info_questions").where("id", .in, ids).orderBy("id").all()
                .map { try InfoQuestionRecord(row: $0) }
        }
    }

    /// Closes the open questions of `ids` as answered by `entryID` or dismissed; returns how many it closed.
    @discardableResult
    public func close(ids: [Int64], as status: InfoQuestionRecord.Status, entryID: Int64?, at now: Date) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await database.withConnection { sql in
            try await sql.update("info_questions").set("status", to: status.rawValue).set("entry_id", to: SQLBind(entryID)).set("closed_at", to: now.unixSeconds)
                .where("id", .in, ids).where("status", .equal, InfoQuestionRecord.Status.open.rawValue).returning("id").all().count
        }
    }

    /// Questions asked at or after `since`, counted by Vietnam day (day number → count); of
    /// `provinces` and those asked without one (every one when nil).
    public func askedPerDay(provinces: [String]?, since: Date) async throws -> [Int: Int] {
        try await database.withConnection { sql in
            let day = SQLBinaryExpression(
                SQLGroupExpression(SQLBinaryExpression(SQLColumn("asked_at"), .add, SQLLiteral.numeric("25200"))), .divide, SQLLiteral.numeric("86400")
            )
            var query = sql.select().column(SQLAlias(day, as: SQLIdentifier("day"))).column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("asked")))
                .from("info_questions").where("asked_at", .greaterThanOrEqual, since.unixSeconds)
            if let provinces {
                query = query.where { group in group.where("province_code", .is, SQLLiteral.null).orWhere("province_code", .in, provinces) }
            }
            let rows = try await query.groupBy(SQLIdentifier("day")).all()
            return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode(column: "day", as: Int.self), try $0.decode(column: "asked", as: Int.self)) })
        }
    }

    /// Deletes the questions asked before `cutoff`; returns how many.
    public func deleteAsked(before cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.delete(from: "info_questions").where("asked_at", .lessThan, cutoff.unixSeconds).returning("id").all().count
        }
    }
}
