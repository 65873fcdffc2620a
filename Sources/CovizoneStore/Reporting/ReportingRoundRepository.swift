import CommunicationReporting
import Foundation
import SQLKit

/// Reporting rounds: made by officers for a subtree, read by everyone in or above it.
public struct ReportingRoundRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func create(_ round: NewReportingRound, createdBy: Int64?, at now: Date) async throws -> ReportingRoundRecord {
        try await database.withConnection { sql in
            guard let row = try await sql.insert(into: "reporting_rounds")
                .columns("form_id", "form_version", "name", "start_day", "end_day", "due_at", "locks_at", "org_unit_id", "org_unit_path", "province_code", "created_by", "created_at")
                .values(
                    SQLBind(round.formID), SQLBind(round.formVersion), SQLBind(round.name), SQLBind(round.period.start), SQLBind(round.period.end),
                    SQLBind(round.dueAt.unixSeconds), SQLBind(round.locksAt.unixSeconds), SQLBind(round.orgUnit.id), SQLBind(round.orgUnit.path.description),
                    SQLBind(round.orgUnit.provinceCode), SQLBind(createdBy), SQLBind(now.unixSeconds)
                )
                .returning(ReportingRoundRecord.columns.map { SQLColumn($0) }).first()
            else { throw StoreError.notFound("the new round") }
            return try ReportingRoundRecord(row: row)
        }
    }

    public func find(id: Int64) async throws -> ReportingRoundRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(ReportingRoundRecord.columns).from("reporting_rounds").where("id", .equal, id).first().map { try ReportingRoundRecord(row: $0) }
        }
    }

    /// The rounds that concern the unit at `path`: those of its subtree and those of the units
    /// above it (which it reports in), newest first, before `beforeID` when given.
    public func rounds(concerning path: OrgUnitPath, beforeID: Int64?, limit: Int) async throws -> [ReportingRoundRecord] {
        let ancestors = path.ids.indices.dropLast().map { OrgUnitPath(ids: Array(path.ids[...$0])).description }
        return try await database.withConnection { sql in
            let above: SQLQueryString = ancestors.isEmpty ? "" : " OR org_unit_path IN (\(binds: ancestors))"
            var query = sql.select().columns(ReportingRoundRecord.columns).from("reporting_rounds")
                .where(SQLQueryString("(") + SubtreeFilter.within("org_unit_path", path, engine: database.engine) + above + SQLQueryString(")"))
            return try await query.orderBy("id", .descending).limit(limit).all().map { try ReportingRoundRecord(row: $0) }
        }
    }
}
