import CommunicationReporting
import Foundation
import SQLKit

/// A stored reporting round: the period, when it is due and locks, and the unit whose subtree reports.
public struct ReportingRoundRecord: Sendable, Equatable {
    public var id: Int64
    public var formID: String
    public var formVersion: Int
    public var name: String
    public var period: ADXPeriod
    public var dueAt: Date
    /// After this, reports are no longer saved or completed (unless reopened).
    public var locksAt: Date
    public var orgUnitID: Int64
    public var orgUnitPath: OrgUnitPath
    /// The province of a provincial round; nil for a national one.
    public var provinceCode: String?
    public var createdAt: Date

    static let columns = [
        "id", "form_id", "form_version", "name", "start_day", "end_day", "due_at", "locks_at", "org_unit_id", "org_unit_path", "province_code", "created_at",
    ]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        formID = try row.decode(column: "form_id", as: String.self)
        formVersion = try row.decode(column: "form_version", as: Int.self)
        name = try row.decode(column: "name", as: String.self)
        let start = try row.decode(column: "start_day", as: Int.self)
        let end = try row.decode(column: "end_day", as: Int.self)
        guard let period = ADXPeriod(startDay: start, endDay: end) else { throw StoreError.corrupt("round \(id) ends before it starts") }
        self.period = period
        dueAt = try row.date("due_at")
        locksAt = try row.date("locks_at")
        orgUnitID = try row.decode(column: "org_unit_id", as: Int64.self)
        let path = try row.decode(column: "org_unit_path", as: String.self)
        guard let unitPath = OrgUnitPath(path) else { throw StoreError.corrupt("round \(id) has path \(path)") }
        orgUnitPath = unitPath
        provinceCode = try row.optionalString("province_code")
        createdAt = try row.date("created_at")
    }
}

/// A new round as the service has checked it.
public struct NewReportingRound: Sendable {
    public var formID: String
    public var formVersion: Int
    public var name: String
    public var period: ADXPeriod
    public var dueAt: Date
    public var locksAt: Date
    public var orgUnit: OrgUnitRecord

    public init(formID: String, formVersion: Int, name: String, period: ADXPeriod, dueAt: Date, locksAt: Date, orgUnit: OrgUnitRecord) {
        self.formID = formID
        self.formVersion = formVersion
        self.name = name
        self.period = period
        self.dueAt = dueAt
        self.locksAt = locksAt
        self.orgUnit = orgUnit
    }
}
