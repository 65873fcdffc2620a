import Foundation
import SQLKit

/// One revision of a declaration's answers, as stored (answers and reasons as JSON text, so that
/// the store needs to know nothing of questionnaires).
public struct DeclarationContent: Sendable, Equatable {
    public var questionnaireVersion: Int
    /// The validated answers, as a JSON object.
    public var answersJSON: String
    /// `low`, `medium` or `high`.
    public var riskLevel: String
    /// The triage rules that applied, as a JSON array of their ids.
    public var riskReasonsJSON: String
    /// Province and ward of the stay (worklists of that province see it).
    public var provinceCode: String?
    public var wardCode: String?

    public init(questionnaireVersion: Int, answersJSON: String, riskLevel: String, riskReasonsJSON: String, provinceCode: String?, wardCode: String?) {
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
    /// `entry` or `voluntary`.
    public var kind: String
    public var code: String
    /// 1 for the first submission, raised by each amendment.
    public var revision: Int
    public var questionnaireID: String
    public var content: DeclarationContent
    public var submittedAt: Date
    public var updatedAt: Date

    static let columns = [
        "id", "kind", "code", "revision", "questionnaire_id", "questionnaire_version", "answers", "risk_level", "risk_reasons", "province_code",
        "ward_code", "submitted_at", "updated_at",
    ]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        kind = try row.decode(column: "kind", as: String.self)
        code = try row.decode(column: "code", as: String.self)
        revision = try row.decode(column: "revision", as: Int.self)
        questionnaireID = try row.decode(column: "questionnaire_id", as: String.self)
        content = DeclarationContent(
            questionnaireVersion: try row.decode(column: "questionnaire_version", as: Int.self), answersJSON: try row.decode(column: "answers", as: String.self),
            riskLevel: try row.decode(column: "risk_level", as: String.self), riskReasonsJSON: try row.decode(column: "risk_reasons", as: String.self),
            provinceCode: try row.optionalString("province_code"), wardCode: try row.optionalString("ward_code")
        )
        submittedAt = try row.date("submitted_at")
        updatedAt = try row.date("updated_at")
    }
}

/// An earlier (or the current) revision of a declaration.
public struct DeclarationRevision: Sendable, Equatable {
    public var revision: Int
    public var questionnaireVersion: Int
    public var answersJSON: String
    public var riskLevel: String
    public var riskReasonsJSON: String
    public var submittedAt: Date
}
