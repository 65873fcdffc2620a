import CommunicationReporting
import Foundation
import SQLKit

/// Units' reports: saved, completed and reopened one at a time under a row lock, each change
/// kept in the report's history.
public struct ReportRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// What the history keeps of a report after each change.
    private struct Snapshot: Codable {
        var values: [String: Int]
        var notes: [String: String]
        var proposals: String
    }

    public func report(roundID: Int64, orgUnitID: Int64) async throws -> ReportRecord? {
        try await database.withConnection { sql in try await Self.report(roundID: roundID, orgUnitID: orgUnitID, on: sql, locking: false) }
    }

    /// The unit's newest completed report in a round before `roundID`.
    public func latestCompleted(orgUnitID: Int64, before roundID: Int64) async throws -> ReportRecord? {
        try await database.withConnection { sql in
            guard let round = try await sql.select().column("round_id").from("reporting_reports").where("org_unit_id", .equal, orgUnitID)
                .where("round_id", .lessThan, roundID).where("status", .equal, "complete").orderBy("round_id", .descending).limit(1)
                .first(decodingColumn: "round_id", as: Int64.self)
            else { return nil }
            return try await Self.report(roundID: round, orgUnitID: orgUnitID, on: sql, locking: false)
        }
    }

    /// Applies `change` to the unit's report (made on the first save) in one transaction; `allow`
    /// sees the report as it stands, locked, and throws to refuse. Returns the report after.
    public func apply(
        _ change: ReportChange, roundID: Int64, unit: OrgUnitRecord, actor: String, at now: Date, allow: @Sendable (ReportRecord?) throws -> Void
    ) async throws -> ReportRecord {
        try await database.transaction { sql in
            var current = try await Self.report(roundID: roundID, orgUnitID: unit.id, on: sql, locking: true)
            try allow(current)
            if current == nil {
                guard case .save = change else { throw StoreError.notFound("report of unit \(unit.id)") }
                try await sql.insert(into: "reporting_reports")
                    .columns("round_id", "org_unit_id", "org_unit_path", "status", "notes", "proposals", "updated_by", "updated_at")
                    .values(
                        SQLBind(roundID), SQLBind(unit.id), SQLBind(unit.path.description), SQLBind("draft"), SQLBind("{}"), SQLBind(""), SQLBind(actor),
                        SQLBind(now.unixSeconds)
                    ).run()
                current = try await Self.report(roundID: roundID, orgUnitID: unit.id, on: sql, locking: false)
            }
            guard let report = current else { throw StoreError.notFound("report of unit \(unit.id)") }
            let update = sql.update("reporting_reports").set("updated_by", to: actor).set("updated_at", to: now.unixSeconds).where("id", .equal, report.id)
            switch change {
            case .save(let values, let notes, let proposals):
                try await update.set("notes", to: try StoredJSON.text(notes)).set("proposals", to: proposals).run()
                try await sql.delete(from: "reporting_values").where("report_id", .equal, report.id).run()
                if !values.isEmpty {
                    var insert = sql.insert(into: "reporting_values").columns("report_id", "element", "value", "round_id", "org_unit_path", "province_code", "counted")
                    for (element, value) in values.sorted(by: { $0.key < $1.key }) {
                        insert = insert.values(
                            SQLBind(report.id), SQLBind(element), SQLBind(value), SQLBind(roundID), SQLBind(unit.path.description), SQLBind(unit.provinceCode),
                            SQLBind(report.completedAt == nil ? 0 : 1)
                        )
                    }
                    try await insert.run()
                }
            case .complete:
                try await update.set("status", to: "complete").set("completed_at", to: now.unixSeconds).run()
                try await sql.update("reporting_values").set("counted", to: 1).where("report_id", .equal, report.id).run()
            case .reopen(let openUntil):
                try await update.set("status", to: "draft").set("completed_at", to: SQLLiteral.null).set("open_until", to: openUntil.unixSeconds).run()
                try await sql.update("reporting_values").set("counted", to: 0).where("report_id", .equal, report.id).run()
            }
            guard let after = try await Self.report(roundID: roundID, orgUnitID: unit.id, on: sql, locking: false) else { throw StoreError.notFound("report \(report.id)") }
            try await sql.insert(into: "reporting_report_history").columns("report_id", "action", "snapshot", "actor", "at")
                .values(
                    SQLBind(report.id), SQLBind(change.action), SQLBind(try StoredJSON.text(Snapshot(values: after.values, notes: after.notes, proposals: after.proposals))),
                    SQLBind(actor), SQLBind(now.unixSeconds)
                ).run()
            return after
        }
    }

    /// The report's changes, newest first.
    public func history(reportID: Int64, limit: Int) async throws -> [ReportHistoryEntry] {
        try await database.withConnection { sql in
            try await sql.select().columns("action", "snapshot", "actor", "at").from("reporting_report_history").where("report_id", .equal, reportID)
                .orderBy("id", .descending).limit(limit).all().map { row in
                    let snapshot = try JSONDecoder().decode(Snapshot.self, from: Data(try row.decode(column: "snapshot", as: String.self).utf8))
                    return ReportHistoryEntry(
                        action: try row.decode(column: "action", as: String.self), actor: try row.decode(column: "actor", as: String.self), at: try row.date("at"),
                        values: snapshot.values
                    )
                }
        }
    }

    /// The units expected in the round that lie within `within` (the round's unit itself excluded), by id after `afterID`, with their reports' state.
    public func expectedUnits(round: ReportingRoundRecord, within: OrgUnitPath, afterID: Int64?, limit: Int) async throws -> [ExpectedUnit] {
        let columns = OrgUnitRecord.columns.map { "u.\($0)" }.joined(separator: ", ")
        let after: SQLQueryString = afterID.map { "AND u.id > \(bind: $0)" } ?? ""
        return try await database.withConnection { sql in
            try await sql.raw(
                """
                SELECT \(unsafeRaw: columns), r.id AS report_id, r.completed_at AS completed_at, r.updated_at AS report_updated_at \
                FROM reporting_org_units u LEFT JOIN reporting_reports r ON r.org_unit_id = u.id AND r.round_id = \(bind: round.id) \
                WHERE \(SubtreeFilter.within("u.path", within, engine: database.engine)) AND u.path <> \(bind: round.orgUnitPath.description) \(after) \
                ORDER BY u.id LIMIT \(literal: limit)
                """
            ).all().map { row in
                ExpectedUnit(
                    unit: try OrgUnitRecord(row: row), saved: try row.optionalInt64("report_id") != nil,
                    completedAt: try row.optionalInt64("completed_at").map { Date(timeIntervalSince1970: TimeInterval($0)) },
                    updatedAt: try row.optionalInt64("report_updated_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }
                )
            }
        }
    }

    /// Each element summed over the round's completed reports within `within`.
    public func sums(roundID: Int64, within: OrgUnitPath) async throws -> [String: Int] {
        try await groupedSums(roundID: roundID, within: within, byProvince: false)[""] ?? [:]
    }

    /// Each element summed over the round's completed reports within `within`, per province (one scan for the ministry's table).
    public func sumsByProvince(roundID: Int64, within: OrgUnitPath) async throws -> [String: [String: Int]] {
        try await groupedSums(roundID: roundID, within: within, byProvince: true)
    }

    private func groupedSums(roundID: Int64, within: OrgUnitPath, byProvince: Bool) async throws -> [String: [String: Int]] {
        let province: SQLQueryString = byProvince ? "province_code" : "''"
        let groups: SQLQueryString = byProvince ? "province_code, element" : "element"
        return try await database.withConnection { sql in
            let rows = try await sql.raw(
                """
                SELECT \(province) AS province, element, CAST(SUM(value) AS BIGINT) AS total FROM reporting_values \
                WHERE round_id = \(bind: roundID) AND counted = 1 AND \(SubtreeFilter.within("org_unit_path", within, engine: database.engine)) \
                GROUP BY \(groups)
                """
            ).all()
            var sums: [String: [String: Int]] = [:]
            for row in rows {
                sums[try row.optionalString("province") ?? "", default: [:]][try row.decode(column: "element", as: String.self)] = Int(try row.decode(column: "total", as: Int64.self))
            }
            return sums
        }
    }

    /// How many units within `within` the round expects, how many completed, and how many by its due time.
    public func completeness(round: ReportingRoundRecord, within: OrgUnitPath) async throws -> RoundSummary.Completeness {
        try await completenessByProvince(round: round, within: within).values.reduce(RoundSummary.Completeness(expected: 0, completed: 0, onTime: 0)) {
            RoundSummary.Completeness(expected: $0.expected + $1.expected, completed: $0.completed + $1.completed, onTime: $0.onTime + $1.onTime)
        }
    }

    /// ``completeness(round:within:)`` per province.
    public func completenessByProvince(round: ReportingRoundRecord, within: OrgUnitPath) async throws -> [String: RoundSummary.Completeness] {
        try await database.withConnection { sql in
            let expected = try await sql.raw(
                """
                SELECT province_code, COUNT(*) AS n FROM reporting_org_units \
                WHERE \(SubtreeFilter.within("path", within, engine: database.engine)) AND path <> \(bind: round.orgUnitPath.description) GROUP BY province_code
                """
            ).all()
            let done = try await sql.raw(
                """
                SELECT u.province_code AS province_code, COUNT(*) AS n, SUM(CASE WHEN r.completed_at <= \(bind: round.dueAt.unixSeconds) THEN 1 ELSE 0 END) AS on_time \
                FROM reporting_reports r JOIN reporting_org_units u ON u.id = r.org_unit_id \
                WHERE r.round_id = \(bind: round.id) AND r.status = 'complete' AND \(SubtreeFilter.within("r.org_unit_path", within, engine: database.engine)) \
                GROUP BY u.province_code
                """
            ).all()
            var result: [String: RoundSummary.Completeness] = [:]
            for row in expected {
                result[try row.optionalString("province_code") ?? "", default: .init(expected: 0, completed: 0, onTime: 0)].expected = Int(try row.decode(column: "n", as: Int64.self))
            }
            for row in done {
                let key = try row.optionalString("province_code") ?? ""
                result[key, default: .init(expected: 0, completed: 0, onTime: 0)].completed = Int(try row.decode(column: "n", as: Int64.self))
                result[key, default: .init(expected: 0, completed: 0, onTime: 0)].onTime = Int(try row.decode(column: "on_time", as: Int64.self))
            }
            return result
        }
    }

    /// The values of the round's completed reports within `within`, by unit and element.
    public func dataValues(roundID: Int64, within: OrgUnitPath) async throws -> [StoredDataValue] {
        try await database.withConnection { sql in
            try await sql.raw(
                """
                SELECT r.org_unit_id AS org_unit_id, v.element AS element, v.value AS value, r.updated_by AS updated_by, r.updated_at AS updated_at \
                FROM reporting_values v JOIN reporting_reports r ON r.id = v.report_id \
                WHERE v.round_id = \(bind: roundID) AND v.counted = 1 AND \(SubtreeFilter.within("v.org_unit_path", within, engine: database.engine)) \
                ORDER BY r.org_unit_id, v.element
                """
            ).all().map { row in
                StoredDataValue(
                    orgUnitID: try row.decode(column: "org_unit_id", as: Int64.self), element: try row.decode(column: "element", as: String.self),
                    value: Int(try row.decode(column: "value", as: Int64.self)), storedBy: try row.decode(column: "updated_by", as: String.self),
                    lastUpdated: try row.date("updated_at")
                )
            }
        }
    }

    private static func report(roundID: Int64, orgUnitID: Int64, on sql: any SQLDatabase, locking: Bool) async throws -> ReportRecord? {
        var query = sql.select().columns(ReportRecord.columns).from("reporting_reports").where("round_id", .equal, roundID).where("org_unit_id", .equal, orgUnitID)
        if locking { query = query.for(.update) }
        guard let row = try await query.first() else { return nil }
        let id = try row.decode(column: "id", as: Int64.self)
        let values = try await sql.select().columns("element", "value").from("reporting_values").where("report_id", .equal, id).all()
        return try ReportRecord(
            row: row,
            values: Dictionary(uniqueKeysWithValues: try values.map { (try $0.decode(column: "element", as: String.self), Int(try $0.decode(column: "value", as: Int64.self))) })
        )
    }
}
