import Foundation
import HealthDeclaration
import SQLKit

/// One revision of a declaration's answers, as stored (answers and reasons as JSON text, so that
/// the store needs to know nothing of questionnaires).
public struct DeclarationContent: Sendable, Equatable {
    public var questionnaireVersion: Int
    /// The validated answers, as a JSON object.
    public var answersJSON: String
    public var riskLevel: RiskLevel
    /// The triage rules that applied, as a JSON array of their ids.
    public var riskReasonsJSON: String
    /// Province and ward of the stay (worklists of that province see it).
    public var provinceCode: String?
    public var wardCode: String?

    public init(questionnaireVersion: Int, answersJSON: String, riskLevel: RiskLevel, riskReasonsJSON: String, provinceCode: String?, wardCode: String?) {
        self.questionnaireVersion = questionnaireVersion
        self.answersJSON = answersJSON
        self.riskLevel = riskLevel
        self.riskReasonsJSON = riskReasonsJSON
        self.provinceCode = provinceCode
        self.wardCode = wardCode
    }
}

/// A stored declaration with its current revision.
public struct DeclarationRecord: Sendable, Equatable {
    public var id: Int64
    public var kind: DeclarationKind
    public var code: String
    /// 1 for the first submission, raised by each amendment.
    public var revision: Int
    public var questionnaireID: String
    public var content: DeclarationContent
    public var submittedAt: Date
    public var updatedAt: Date
    /// The latest follow-up status (`new` until a health authority records one).
    public var followUpStatus: FollowUpStatus
    /// The household member a voluntary declaration is about.
    public var memberID: Int64?

    static let columns = [
        "id", "kind", "code", "revision", "questionnaire_id", "questionnaire_version", "answers", "risk_level", "risk_reasons", "province_code",
        "ward_code", "submitted_at", "updated_at", "follow_up_status", "member_id",
    ]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        kind = try row.value("kind", as: DeclarationKind.self)
        code = try row.decode(column: "code", as: String.self)
        revision = try row.decode(column: "revision", as: Int.self)
        questionnaireID = try row.decode(column: "questionnaire_id", as: String.self)
        content = DeclarationContent(
            questionnaireVersion: try row.decode(column: "questionnaire_version", as: Int.self), answersJSON: try row.decode(column: "answers", as: String.self),
            riskLevel: try row.value("risk_level", as: RiskLevel.self), riskReasonsJSON: try row.decode(column: "risk_reasons", as: String.self),
            provinceCode: try row.optionalString("province_code"), wardCode: try row.optionalString("ward_code")
        )
        submittedAt = try row.date("submitted_at")
        updatedAt = try row.date("updated_at")
        followUpStatus = try row.value("follow_up_status", as: FollowUpStatus.self)
        memberID = try row.optionalInt64("member_id")
    }
}

/// An earlier (or the current) revision of a declaration.
public struct DeclarationRevision: Sendable, Equatable {
    public var revision: Int
    public var questionnaireVersion: Int
    public var answersJSON: String
    public var riskLevel: RiskLevel
    public var riskReasonsJSON: String
    public var submittedAt: Date
}

/// A health authority's follow-up of a declaration.
public struct FollowUpRecord: Sendable, Equatable {
    public var id: Int64
    public var declarationID: Int64
    public var status: FollowUpStatus
    public var note: String
    public var officerID: Int64
    /// The officer's username when the follow-up was recorded.
    public var officer: String
    public var createdAt: Date

    static let columns = ["id", "declaration_id", "status", "note", "officer_id", "officer", "created_at"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        declarationID = try row.decode(column: "declaration_id", as: Int64.self)
        status = try row.value("status", as: FollowUpStatus.self)
        note = try row.decode(column: "note", as: String.self)
        officerID = try row.decode(column: "officer_id", as: Int64.self)
        officer = try row.decode(column: "officer", as: String.self)
        createdAt = try row.date("created_at")
    }
}

/// Which declarations a worklist shows.
public struct WorklistFilter: Sendable, Equatable {
    public var kind: DeclarationKind?
    /// nil: every province (national accounts only).
    public var provinceCode: String?
    public var wardCode: String?
    /// Last change at or after `from` and before `to`.
    public var from: Date?
    public var to: Date?
    public var riskLevel: RiskLevel?
    public var followUpStatus: FollowUpStatus?

    public init(
        kind: DeclarationKind? = nil, provinceCode: String? = nil, wardCode: String? = nil, from: Date? = nil, to: Date? = nil,
        riskLevel: RiskLevel? = nil, followUpStatus: FollowUpStatus? = nil
    ) {
        self.kind = kind
        self.provinceCode = provinceCode
        self.wardCode = wardCode
        self.from = from
        self.to = to
        self.riskLevel = riskLevel
        self.followUpStatus = followUpStatus
    }
}

/// Declarations of one province on one day (Vietnam time) at one risk level.
public struct DeclarationCount: Sendable, Equatable {
    public var provinceCode: String
    /// Days since 1970-01-01, Vietnam time.
    public var day: Int
    public var riskLevel: RiskLevel
    public var count: Int

    public init(provinceCode: String, day: Int, riskLevel: RiskLevel, count: Int) {
        self.provinceCode = provinceCode
        self.day = day
        self.riskLevel = riskLevel
        self.count = count
    }
}
