import FacilitySafety
import Foundation
import SQLKit

/// A self-check to store: the answers, what they scored, who committed to them and when.
public struct NewSelfCheck: Sendable {
    public var facilityID: Int64
    public var checklistID: String
    public var checklistVersion: Int
    public var answers: [String: Bool]
    public var assessment: SelfCheckAssessment
    public var committedBy: Int64
    public var checkedAt: Date
    public var day: Int

    public init(
        facilityID: Int64, checklistID: String, checklistVersion: Int, answers: [String: Bool], assessment: SelfCheckAssessment, committedBy: Int64,
        checkedAt: Date, day: Int
    ) {
        self.facilityID = facilityID
        self.checklistID = checklistID
        self.checklistVersion = checklistVersion
        self.answers = answers
        self.assessment = assessment
        self.committedBy = committedBy
        self.checkedAt = checkedAt
        self.day = day
    }
}

/// A stored self-check.
public struct SelfCheckRecord: Sendable, Equatable {
    public var id: Int64
    public var facilityID: Int64
    public var checklistID: String
    public var checklistVersion: Int
    public var answers: [String: Bool]
    public var score: Int
    public var riskLevel: RiskLevel
    public var status: SafetyStatus
    public var reasons: [String]
    public var committedBy: Int64
    public var checkedAt: Date
    public var day: Int

    static let columns = [
        "id", "facility_id", "checklist_id", "checklist_version", "answers", "score", "risk_level", "status", "reasons", "committed_by", "checked_at", "day",
    ]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        facilityID = try row.decode(column: "facility_id", as: Int64.self)
        checklistID = try row.decode(column: "checklist_id", as: String.self)
        checklistVersion = Int(try row.decode(column: "checklist_version", as: Int64.self))
        answers = try JSONDecoder().decode([String: Bool].self, from: Data(try row.decode(column: "answers", as: String.self).utf8))
        score = Int(try row.decode(column: "score", as: Int64.self))
        riskLevel = try row.value("risk_level", as: RiskLevel.self)
        status = try row.value("status", as: SafetyStatus.self)
        reasons = try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "reasons", as: String.self).utf8))
        committedBy = try row.decode(column: "committed_by", as: Int64.self)
        checkedAt = try row.date("checked_at")
        day = Int(try row.decode(column: "day", as: Int64.self))
    }
}
