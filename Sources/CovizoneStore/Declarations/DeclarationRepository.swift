import Crypto
import Foundation
import HealthDeclaration
import SQLKit

/// Health declarations and their revisions.
public struct DeclarationRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a new declaration (revision 1) under a code from `makeCode`, drawing again in the
    /// rare case that the code is taken.
    public func create(
        kind: DeclarationKind, questionnaireID: String, content: DeclarationContent, amendTokenHash: Data?, memberID: Int64? = nil, at now: Date,
        makeCode: @Sendable () -> String
    ) async throws -> DeclarationRecord {
        for _ in 0..<5 {
            let created = try await database.transaction { sql -> DeclarationRecord? in
                let row = try await sql.insert(into: "declarations")
                    .columns(
                        "kind", "code", "revision", "questionnaire_id", "questionnaire_version", "answers", "risk_level", "risk_reasons",
                        "province_code", "ward_code", "amend_token_hash", "member_id", "phone_digest", "submitted_at", "updated_at"
                    )
                    .values(
                        SQLBind(kind.rawValue), SQLBind(makeCode()), SQLBind(1), SQLBind(questionnaireID), SQLBind(content.questionnaireVersion),
                        SQLBind(content.answersJSON), SQLBind(content.riskLevel.rawValue), SQLBind(content.riskReasonsJSON), SQLBind(content.provinceCode),
                        SQLBind(content.wardCode), SQLBind(amendTokenHash), SQLBind(memberID), SQLBind(Self.phoneDigest(ofAnswers: content.answersJSON)),
                        SQLBind(now.unixSeconds), SQLBind(now.unixSeconds)
                    )
                    .ignoringConflicts().returning(DeclarationRecord.columns.map { SQLColumn($0) }).first()
                guard let row else { return nil }
                let record = try DeclarationRecord(row: row)
                try await Self.addRevision(of: record, on: sql)
                return record
            }
            if let created { return created }
        }
        throw StoreError.duplicate("declaration code")
    }

    /// Replaces the answers of the declaration with `code` when `amendTokenHash` is its secret,
    /// keeping the earlier revision in the history; nil when there is no such declaration.
    public func amend(code: String, amendTokenHash: Data, content: DeclarationContent, at now: Date) async throws -> DeclarationRecord? {
        try await database.transaction { sql in
            let row = try await sql.update("declarations")
                .set("revision", to: SQLBinaryExpression(SQLColumn("revision"), .add, SQLLiteral.numeric("1")))
                .set("questionnaire_version", to: content.questionnaireVersion).set("answers", to: content.answersJSON)
                .set("risk_level", to: content.riskLevel.rawValue).set("risk_reasons", to: content.riskReasonsJSON)
                .set("province_code", to: content.provinceCode).set("ward_code", to: content.wardCode).set("updated_at", to: now.unixSeconds)
                .set("phone_digest", to: Self.phoneDigest(ofAnswers: content.answersJSON))
                .where("code", .equal, code).where("amend_token_hash", .equal, amendTokenHash)
                .returning(DeclarationRecord.columns.map { SQLColumn($0) }).first()
            guard let row else { return nil }
            let record = try DeclarationRecord(row: row)
            try await Self.addRevision(of: record, on: sql)
            return record
        }
    }

    private static func addRevision(of record: DeclarationRecord, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "declaration_revisions")
            .columns("declaration_id", "revision", "questionnaire_version", "answers", "risk_level", "risk_reasons", "submitted_at")
            .values(
                SQLBind(record.id), SQLBind(record.revision), SQLBind(record.content.questionnaireVersion), SQLBind(record.content.answersJSON),
                SQLBind(record.content.riskLevel.rawValue), SQLBind(record.content.riskReasonsJSON), SQLBind(record.updatedAt.unixSeconds)
            ).run()
    }

    /// The declaration of `kind` with `code`.
    public func find(kind: DeclarationKind, code: String) async throws -> DeclarationRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(DeclarationRecord.columns).from("declarations").where("kind", .equal, kind.rawValue).where("code", .equal, code)
                .first().map { try DeclarationRecord(row: $0) }
        }
    }

    /// The declarations of the person with `phone` (E.164), newest first: the entry declarations
    /// that give it, and the voluntary declarations of the members of the household it holds.
    public func declarations(ofPhone phone: String, limit: Int) async throws -> [DeclarationRecord] {
        try await database.withConnection { sql in
            let members = SQLSubquery.select { query in
                query.column(SQLColumn("id", table: "household_members")).from("household_members")
                    .join("households", on: SQLColumn("id", table: "households"), .equal, SQLColumn("household_id", table: "household_members"))
                    .where(SQLColumn("phone", table: "households"), .equal, SQLBind(phone))
            }
            return try await sql.select().columns(DeclarationRecord.columns).from("declarations")
                .where { $0.where("phone_digest", .equal, Self.phoneDigest(phone)).orWhere("member_id", .in, members) }
                .orderBy("id", .descending).limit(limit).all().map { try DeclarationRecord(row: $0) }
        }
    }

    /// The digest a declaration is found by from the phone among its answers (`phone`), if any.
    static func phoneDigest(ofAnswers answersJSON: String) -> String? {
        struct Answers: Decodable {
            var phone: String?
        }
        guard let phone = (try? JSONDecoder().decode(Answers.self, from: Data(answersJSON.utf8)))?.phone, !phone.isEmpty else { return nil }
        return phoneDigest(phone)
    }

    /// A phone as the store indexes declarations by it: SHA-256, hex.
    static func phoneDigest(_ phone: String) -> String {
        SHA256.hash(data: Data("declaration-phone|\(phone)".utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A household member's declarations, newest first.
    public func declarations(ofMember memberID: Int64, limit: Int) async throws -> [DeclarationRecord] {
        try await database.withConnection { sql in
            try await sql.select().columns(DeclarationRecord.columns).from("declarations").where("member_id", .equal, memberID)
                .orderBy("id", .descending).limit(limit).all().map { try DeclarationRecord(row: $0) }
        }
    }

    /// Every revision of a declaration, oldest first.
    public func revisions(of declarationID: Int64) async throws -> [DeclarationRevision] {
        try await database.withConnection { sql in
            try await sql.select().columns("revision", "questionnaire_version", "answers", "risk_level", "risk_reasons", "submitted_at")
                .from("declaration_revisions").where("declaration_id", .equal, declarationID).orderBy("revision").all().map { row in
                    DeclarationRevision(
                        revision: try row.decode(column: "revision", as: Int.self),
                        questionnaireVersion: try row.decode(column: "questionnaire_version", as: Int.self),
                        answersJSON: try row.decode(column: "answers", as: String.self), riskLevel: try row.value("risk_level", as: RiskLevel.self),
                        riskReasonsJSON: try row.decode(column: "risk_reasons", as: String.self), submittedAt: try row.date("submitted_at")
                    )
                }
        }
    }

    /// Declarations matching `filter`, newest submission first, submitted before declaration
    /// `beforeID` when given (the cursor of the next page).
    public func worklist(_ filter: WorklistFilter, beforeID: Int64?, limit: Int) async throws -> [DeclarationRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns(DeclarationRecord.columns).from("declarations")
            if let kind = filter.kind { query = query.where("kind", .equal, kind.rawValue) }
            if let province = filter.provinceCode { query = query.where("province_code", .equal, province) }
            if let ward = filter.wardCode { query = query.where("ward_code", .equal, ward) }
            if let from = filter.from { query = query.where("updated_at", .greaterThanOrEqual, from.unixSeconds) }
            if let to = filter.to { query = query.where("updated_at", .lessThan, to.unixSeconds) }
            if let risk = filter.riskLevel { query = query.where("risk_level", .equal, risk.rawValue) }
            if let status = filter.followUpStatus { query = query.where("follow_up_status", .equal, status.rawValue) }
            if let beforeID { query = query.where("id", .lessThan, beforeID) }
            return try await query.orderBy("id", .descending).limit(limit).all().map { try DeclarationRecord(row: $0) }
        }
    }

    /// Records a follow-up and makes its status the declaration's current one.
    public func addFollowUp(
        to declarationID: Int64, status: FollowUpStatus, note: String, officerID: Int64, officer: String, at now: Date
    ) async throws -> FollowUpRecord {
        try await database.transaction { sql in
            let row = try await sql.insert(into: "declaration_follow_ups")
                .columns("declaration_id", "status", "note", "officer_id", "officer", "created_at")
                .values(SQLBind(declarationID), SQLBind(status.rawValue), SQLBind(note), SQLBind(officerID), SQLBind(officer), SQLBind(now.unixSeconds))
                .returning(FollowUpRecord.columns.map { SQLColumn($0) }).first()
            guard let row else { throw StoreError.notFound("the new follow-up") }
            try await sql.update("declarations").set("follow_up_status", to: status.rawValue).where("id", .equal, declarationID).run()
            return try FollowUpRecord(row: row)
        }
    }

    /// A declaration's follow-ups, oldest first.
    public func followUps(of declarationID: Int64) async throws -> [FollowUpRecord] {
        try await database.withConnection { sql in
            try await sql.select().columns(FollowUpRecord.columns).from("declaration_follow_ups").where("declaration_id", .equal, declarationID)
                .orderBy("id").all().map { try FollowUpRecord(row: $0) }
        }
    }

    /// Declarations of `kind` first submitted at or after `since`, counted by province, Vietnam
    /// day and risk level; of one province when given.
    public func counts(kind: DeclarationKind, provinceCode: String?, since: Date) async throws -> [DeclarationCount] {
        try await database.withConnection { sql in
            let day = SQLBinaryExpression(
                SQLGroupExpression(SQLBinaryExpression(SQLColumn("submitted_at"), .add, SQLLiteral.numeric("25200"))), .divide, SQLLiteral.numeric("86400")
            )
            var query = sql.select().column(SQLColumn("province_code")).column(SQLAlias(day, as: SQLIdentifier("day"))).column(SQLColumn("risk_level"))
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("declarations")))
                .from("declarations").where("kind", .equal, kind.rawValue).where("submitted_at", .greaterThanOrEqual, since.unixSeconds)
                .where("province_code", .isNot, SQLLiteral.null)
            if let provinceCode { query = query.where("province_code", .equal, provinceCode) }
            return try await query.groupBy("province_code").groupBy(SQLIdentifier("day")).groupBy("risk_level")
                .orderBy("province_code").orderBy(SQLIdentifier("day")).orderBy("risk_level").all().map { row in
                    DeclarationCount(
                        provinceCode: try row.decode(column: "province_code", as: String.self), day: try row.decode(column: "day", as: Int.self),
                        riskLevel: try row.value("risk_level", as: RiskLevel.self), count: try row.decode(column: "declarations", as: Int.self)
                    )
                }
        }
    }

    /// Deletes declarations of `kind` first submitted before `cutoff`, with their history and
    /// follow-ups; returns how many.
    @discardableResult
    public func deleteOlder(kind: DeclarationKind, than cutoff: Date) async throws -> Int {
        try await database.transaction { sql in
            let old = SQLSubquery.select { $0.column("id").from("declarations").where("kind", .equal, kind.rawValue).where("submitted_at", .lessThan, cutoff.unixSeconds) }
            try await sql.delete(from: "declaration_revisions").where("declaration_id", .in, old).run()
            try await sql.delete(from: "declaration_follow_ups").where("declaration_id", .in, old).run()
            return try await sql.delete(from: "declarations").where("kind", .equal, kind.rawValue).where("submitted_at", .lessThan, cutoff.unixSeconds)
                .returning("id").all().count
        }
    }
}
