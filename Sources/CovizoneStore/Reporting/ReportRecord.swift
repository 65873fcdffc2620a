import CommunicationReporting
import Foundation
import SQLKit

/// A unit's stored report for one round.
public struct ReportRecord: Sendable, Equatable {
    public var id: Int64
    public var roundID: Int64
    public var orgUnitID: Int64
    public var values: [String: Int]
    public var notes: [String: String]
    public var proposals: String
    /// When it was marked complete; nil while a draft.
    public var completedAt: Date?
    /// Set by a reopening: the report may be changed until then even once the round has locked.
    public var openUntil: Date?
    public var updatedBy: String
    public var updatedAt: Date

    static let columns = ["id", "round_id", "org_unit_id", "notes", "proposals", "completed_at", "open_until", "updated_by", "updated_at"]

    init(row: any SQLRow, values: [String: Int]) throws {
        id = try row.decode(column: "id", as: Int64.self)
        roundID = try row.decode(column: "round_id", as: Int64.self)
        orgUnitID = try row.decode(column: "org_unit_id", as: Int64.self)
        self.values = values
        notes = try JSONDecoder().decode([String: String].self, from: Data(try row.decode(column: "notes", as: String.self).utf8))
        proposals = try row.decode(column: "proposals", as: String.self)
        completedAt = try row.optionalInt64("completed_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }
        openUntil = try row.optionalInt64("open_until").map { Date(timeIntervalSince1970: TimeInterval($0)) }
        updatedBy = try row.decode(column: "updated_by", as: String.self)
        updatedAt = try row.date("updated_at")
    }
}

/// What is done to a report; each is kept in its history under its `action` name.
public enum ReportChange: Sendable, Equatable {
    /// Replaces the values, notes and proposals (a draft stays a draft).
    case save(values: [String: Int], notes: [String: String], proposals: String)
    case complete
    /// Back to a draft that may be changed until `openUntil`.
    case reopen(openUntil: Date)

    public var action: String {
        switch self {
        case .save: "save"
        case .complete: "complete"
        case .reopen: "reopen"
        }
    }
}

/// One entry of a report's history.
public struct ReportHistoryEntry: Sendable, Equatable {
    public var action: String
    public var actor: String
    public var at: Date
    /// The report's values just after the change.
    public var values: [String: Int]
}

/// A unit expected in a round, with its report's state.
public struct ExpectedUnit: Sendable, Equatable {
    public var unit: OrgUnitRecord
    /// Whether the unit saved anything.
    public var saved: Bool
    public var completedAt: Date?
    public var updatedAt: Date?
}

/// One completed value, as DHIS2's data value sets carry it.
public struct StoredDataValue: Sendable, Equatable {
    public var orgUnitID: Int64
    public var element: String
    public var value: Int
    public var storedBy: String
    public var lastUpdated: Date
}
