import FacilitySafety
import Foundation
import SQLKit

/// Facilities' daily self-checks: every one kept, the latest one setting the facility's standing.
public struct SelfCheckRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a self-check, makes it the facility's latest, and records the change for the live
    /// map, in one transaction. A check that passes (not red) lifts a feedback alert once the
    /// manager has answered every verified report of a critical lapse. Returns the facility after.
    public func record(_ check: NewSelfCheck) async throws -> (id: Int64, facility: FacilityRecord) {
        let answers = try StoredJSON.text(check.answers)
        let reasons = try StoredJSON.text(check.assessment.reasons)
        let assessment = check.assessment
        return try await database.transaction { sql in
            let row = try await sql.insert(into: "safety_self_checks")
                .columns(
                    "facility_id", "checklist_id", "checklist_version", "answers", "score", "risk_level", "status", "reasons", "committed_by", "checked_at", "day"
                )
                .values(
                    SQLBind(check.facilityID), SQLBind(check.checklistID), SQLBind(check.checklistVersion), SQLBind(answers), SQLBind(assessment.score),
                    SQLBind(assessment.riskLevel.rawValue), SQLBind(assessment.status.rawValue), SQLBind(reasons), SQLBind(check.committedBy),
                    SQLBind(check.checkedAt.unixSeconds), SQLBind(check.day)
                )
                .returning("id").first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else { throw StoreError.notFound("the new self-check") }
            let passes = assessment.status != .unsafe
            try await sql.update("safety_facilities")
                .set("latest_check_id", to: id).set("latest_status", to: assessment.status.rawValue).set("latest_score", to: assessment.score)
                .set("latest_risk_level", to: assessment.riskLevel.rawValue).set("latest_reported_at", to: check.checkedAt.unixSeconds)
                .set("latest_day", to: check.day)
                .set(SQLColumn("alert_since"), to: Self.alertAfterCheck(passes: passes, facilityID: check.facilityID))
                .where("id", .equal, check.facilityID).run()
            guard let facility = try await FacilityRepository.find(id: check.facilityID, on: sql) else { throw StoreError.notFound("facility \(check.facilityID)") }
            try await SafetyEventRepository.append(facility, today: check.day, at: check.checkedAt, on: sql)
            return (id, facility)
        }
    }

    /// The alert after a self-check: lifted by a passing check when no verified critical report is left unanswered.
    private static func alertAfterCheck(passes: Bool, facilityID: Int64) -> SQLQueryString {
        """
        CASE WHEN \(literal: passes ? 1 : 0) = 1 AND NOT EXISTS (SELECT 1 FROM safety_feedback WHERE facility_id = \(bind: facilityID) \
        AND status = 'verified' AND critical = 1 AND answered_at IS NULL) THEN NULL ELSE alert_since END
        """
    }

    /// A facility's self-checks, newest first, older than `beforeID` when given.
    public func history(facilityID: Int64, beforeID: Int64?, limit: Int) async throws -> [SelfCheckRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns(SelfCheckRecord.columns).from("safety_self_checks").where("facility_id", .equal, facilityID)
            if let beforeID { query = query.where("id", .lessThan, beforeID) }
            return try await query.orderBy("id", .descending).limit(limit).all().map { try SelfCheckRecord(row: $0) }
        }
    }

    /// For each day from `fromDay` to `toDay`, how many facilities' last self-check of the day
    /// stood in each status (of one province when given).
    public func statusCountsByDay(from fromDay: Int, to toDay: Int, provinceCode: String?) async throws -> [(day: Int, status: SafetyStatus, count: Int)] {
        try await database.withConnection { sql in
            let province: SQLQueryString = provinceCode.map { "AND f.province_code = \(bind: $0)" } ?? ""
            let rows = try await sql.raw(
                """
                SELECT c.day AS day, c.status AS status, COUNT(*) AS n FROM safety_self_checks c \
                JOIN (SELECT MAX(id) AS id FROM safety_self_checks WHERE day BETWEEN \(literal: fromDay) AND \(literal: toDay) GROUP BY facility_id, day) m \
                ON c.id = m.id JOIN safety_facilities f ON f.id = c.facility_id WHERE 1 = 1 \(province) GROUP BY c.day, c.status ORDER BY c.day
                """
            ).all()
            return try rows.map {
                (Int(try $0.decode(column: "day", as: Int64.self)), try $0.value("status", as: SafetyStatus.self), Int(try $0.decode(column: "n", as: Int64.self)))
            }
        }
    }

    /// Facilities whose last self-check was red on each of the `days` days up to `today` (of one province when given).
    public func unsafeStreaks(days: Int, today: Int, provinceCode: String?) async throws -> [Int64] {
        try await database.withConnection { sql in
            let province: SQLQueryString = provinceCode.map { "AND f.province_code = \(bind: $0)" } ?? ""
            let rows = try await sql.raw(
                """
                SELECT c.facility_id AS facility_id FROM safety_self_checks c \
                JOIN (SELECT MAX(id) AS id FROM safety_self_checks WHERE day BETWEEN \(literal: today - days + 1) AND \(literal: today) GROUP BY facility_id, day) m \
                ON c.id = m.id JOIN safety_facilities f ON f.id = c.facility_id WHERE c.status = 'unsafe' \(province) \
                GROUP BY c.facility_id HAVING COUNT(*) = \(literal: days) ORDER BY c.facility_id
                """
            ).all()
            return try rows.map { try $0.decode(column: "facility_id", as: Int64.self) }
        }
    }
}
