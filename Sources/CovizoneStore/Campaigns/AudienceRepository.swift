import Foundation
import SQLKit

/// A subscriber list.
public struct AudienceRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: String
    /// The province whose officers own it; nil for a national list.
    public var provinceCode: String?
    public var createdBy: String
    public var createdAt: Date
    public var members: Int

    static let columns = ["id", "name", "province_code", "created_by", "created_at"]
}

/// A subscriber to add to a list.
public struct AudienceMember: Sendable, Equatable {
    public var phone: String
    public var provinceCode: String
    public var operatorID: String
    public var group: String

    public init(phone: String, provinceCode: String, operatorID: String, group: String) {
        self.phone = phone
        self.provinceCode = provinceCode
        self.operatorID = operatorID
        self.group = group
    }
}

/// Which members of a list a campaign reaches: every value list empty means everyone.
public struct AudienceSegment: Sendable, Equatable, Codable {
    public var provinces: [String]
    public var operators: [String]
    public var groups: [String]

    public init(provinces: [String] = [], operators: [String] = [], groups: [String] = []) {
        self.provinces = provinces
        self.operators = operators
        self.groups = groups
    }

    /// Reads a segment; a list left out means everyone.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        provinces = try container.decodeIfPresent([String].self, forKey: .provinces) ?? []
        operators = try container.decodeIfPresent([String].self, forKey: .operators) ?? []
        groups = try container.decodeIfPresent([String].self, forKey: .groups) ?? []
    }
}

/// What one import did, and why rows were refused (the first ones).
public struct AudienceImportReport: Sendable, Equatable, Codable {
    public struct RowProblem: Sendable, Equatable, Codable {
        public var line: Int
        public var problem: String
        public var message: String

        public init(line: Int, problem: String, message: String) {
            self.line = line
            self.problem = problem
            self.message = message
        }
    }

    public var rows: Int = 0
    public var added: Int = 0
    public var duplicates: Int = 0
    public var rejected: Int = 0
    /// The refused rows, the first ``maximumProblems`` of them.
    public var problems: [RowProblem] = []

    public init() {}

    public static let maximumProblems = 1_000
}

/// Subscriber lists, their members and their imports; deleted lists are left out of every
/// view (see ``delete(id:by:at:)``).
public struct AudienceRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func create(name: String, provinceCode: String?, createdBy: String, at now: Date) async throws -> Int64 {
        try await database.withConnection { sql in
            try await sql.insert(into: "audiences").columns("name", "province_code", "created_by", "created_at")
                .values(SQLBind(name), SQLBind(provinceCode), SQLBind(createdBy), SQLBind(now.unixSeconds))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// Adds members, skipping numbers already on the list; returns how many were new. Throws
    /// ``StoreError/notFound(_:)`` once the list is deleted.
    public func add(_ members: [AudienceMember], to audienceID: Int64) async throws -> Int {
        guard !members.isEmpty else { return 0 }
        return try await database.transaction { sql in
            try await Self.lockLive(audienceID, sql: sql)
            var added = 0
            for chunk in members.chunked(500) {
                var insert = sql.insert(into: "audience_members").columns("audience_id", "phone", "province_code", "operator", "member_group")
                for member in chunk {
                    insert = insert.values(
                        SQLBind(audienceID), SQLBind(member.phone), SQLBind(member.provinceCode), SQLBind(member.operatorID), SQLBind(member.group)
                    )
                }
                added += try await insert.ignoringConflicts().returning("phone").all().count
            }
            return added
        }
    }

    public func recordImport(_ report: AudienceImportReport, audienceID: Int64, by username: String, at now: Date) async throws {
        try await database.withConnection { try await Self.recordImport(report, audienceID: audienceID, by: username, at: now, sql: $0) }
    }

    static func recordImport(_ report: AudienceImportReport, audienceID: Int64, by username: String, at now: Date, sql: any SQLDatabase) async throws {
        let problems = String(decoding: try JSONEncoder().encode(report.problems), as: UTF8.self)
        try await sql.insert(into: "audience_imports")
            .columns("audience_id", "rows_read", "added", "duplicates", "rejected", "report", "created_by", "created_at")
            .values(
                SQLBind(audienceID), SQLBind(report.rows), SQLBind(report.added), SQLBind(report.duplicates), SQLBind(report.rejected),
                SQLBind(problems), SQLBind(username), SQLBind(now.unixSeconds)
            ).run()
    }

    public func audience(id: Int64) async throws -> AudienceRecord? {
        try await audiences(where: { $0.where("id", .equal, id) }).first
    }

    /// A list's name and whether it was deleted, for the campaigns that name it (deleted lists
    /// included, unlike ``audience(id:)``).
    public func name(of id: Int64) async throws -> (name: String, deleted: Bool)? {
        try await database.withConnection { sql in
            try await sql.select().column("name").column("deleted_at").from("audiences").where("id", .equal, id).first().map { row in
                (try row.decode(column: "name", as: String.self), try row.optionalInt64("deleted_at") != nil)
            }
        }
    }

    /// Lists, newest first; a province's own and national ones when `provinceCode` is given.
    public func audiences(visibleTo provinceCode: String?) async throws -> [AudienceRecord] {
        try await audiences { query in
            guard let provinceCode else { return query }
            return query.where { $0.where("province_code", .equal, provinceCode).orWhere("province_code", .is, SQLLiteral.null) }
        }
    }

    private func audiences(where filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [AudienceRecord] {
        try await database.withConnection { sql in
            let count = SQLSubquery.select { $0.column(SQLFunction("COUNT", args: SQLLiteral.all)).from("audience_members")
                .where(SQLColumn("audience_id", table: "audience_members"), .equal, SQLColumn("id", table: "audiences")) }
            return try await filter(
                sql.select().columns(AudienceRecord.columns).column(SQLAlias(count, as: "members")).from("audiences").where("deleted_at", .is, SQLLiteral.null)
            )
                .orderBy("id", .descending).all().map { row in
                    AudienceRecord(
                        id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
                        provinceCode: try row.optionalString("province_code"), createdBy: try row.decode(column: "created_by", as: String.self),
                        createdAt: try row.date("created_at"), members: try row.decode(column: "members", as: Int.self)
                    )
                }
        }
    }

    /// Members of the segment not on the opt-out list, by operator and province.
    public func reach(audienceID: Int64, segment: AudienceSegment) async throws -> [(operatorID: String, provinceCode: String, members: Int)] {
        try await database.withConnection { sql in
            try await Self.members(of: audienceID, in: segment, sql.select())
                .column("operator").column("province_code").column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: "members"))
                .groupBy("operator").groupBy("province_code").orderBy("operator").orderBy("province_code").all().map { row in
                    (try row.decode(column: "operator", as: String.self), try row.decode(column: "province_code", as: String.self),
                     try row.decode(column: "members", as: Int.self))
                }
        }
    }

    /// `query` over the members of `audienceID` in `segment`, opted-out numbers left out (none
    /// when the list is deleted).
    static func members<Query: SQLSubqueryClauseBuilder>(of audienceID: Int64, in segment: AudienceSegment, _ query: Query) -> Query {
        let live = SQLSubquery.select { $0.column("id").from("audiences").where("id", .equal, audienceID).where("deleted_at", .is, SQLLiteral.null) }
        var query = query.from("audience_members").where("audience_id", .equal, audienceID).where("audience_id", .in, live)
        if !segment.provinces.isEmpty { query = query.where("province_code", .in, segment.provinces) }
        if !segment.operators.isEmpty { query = query.where("operator", .in, segment.operators) }
        if !segment.groups.isEmpty { query = query.where("member_group", .in, segment.groups) }
        let optedOut = SQLSubquery.select { $0.column("phone").from("opt_outs") }
        return query.where(SQLColumn("phone", table: "audience_members"), .notIn, optedOut)
    }
}
