import Foundation
import HealthDataExchange
import SQLKit

/// Which cases a view holds: a province's, a facility's (those it reported), in one status.
public struct HealthCaseFilter: Sendable, Equatable {
    public var provinceCode: String?
    /// The facility account whose reported cases the view holds.
    public var sourceAccountID: Int64?
    public var status: CaseStatus?

    public init(provinceCode: String? = nil, sourceAccountID: Int64? = nil, status: CaseStatus? = nil) {
        self.provinceCode = provinceCode
        self.sourceAccountID = sourceAccountID
        self.status = status
    }
}

/// A milestone of a case: what changed, which facility reported it, when.
public struct HealthCaseChange: Sendable, Equatable {
    public var status: CaseStatus
    public var accountID: Int64?
    public var at: Date
}

extension HealthExchangeRepository {
    /// The cases in `filter`, newest first, below `beforeID`.
    public func cases(_ filter: HealthCaseFilter, beforeID: Int64?, limit: Int) async throws -> [HealthPatientRecord] {
        try await patients(database.withConnection { sql in
            var query = Self.filtered(sql.select().columns(HealthPatientRecord.columns).from("hx_patients"), by: filter)
            if let status = filter.status { query = query.where("status", .equal, status.rawValue) }
            if let beforeID { query = query.where("id", .lessThan, beforeID) }
            return try await query.orderBy("id", .descending).limit(limit).all()
        })
    }

    /// The histories of the cases in `filter` (its status aside) that were still open at `openAt`
    /// or opened since: what the figures of the days from `openAt` need.
    public func histories(_ filter: HealthCaseFilter, openAt: Date) async throws -> [CaseHistory] {
        try await database.withConnection { sql in
            let closed = CaseStatus.allCases.filter(\.isClosed).map(\.rawValue)
            let cases = try await Self.filtered(sql.select().columns("id", "province_code").from("hx_patients"), by: filter)
                .where { $0.where("status", .notIn, closed).orWhere("status_at", .greaterThanOrEqual, openAt.unixSeconds) }
                .all()
            var histories: [Int64: CaseHistory] = [:]
            for row in cases {
                let id = try row.decode(column: "id", as: Int64.self)
                histories[id] = CaseHistory(patientID: id, provinceCode: try row.optionalString("province_code"), events: [])
            }
            for chunk in Array(histories.keys).sorted().chunked(500) {
                let rows = try await sql.select().columns("patient_id", "event", "account_id", "at").from("hx_case_events")
                    .where("patient_id", .in, chunk).orderBy("patient_id").orderBy("at").orderBy("id").all()
                for row in rows {
                    let id = try row.decode(column: "patient_id", as: Int64.self)
                    histories[id]?.events.append(
                        CaseTimeline.Event(event: try row.value("event", as: CaseEvent.self), facility: try row.optionalInt64("account_id"), at: try row.date("at"))
                    )
                }
            }
            return histories.values.sorted { $0.patientID < $1.patientID }
        }
    }

    /// Patient `id`'s milestones (what changed, which facility reported it, when), oldest first.
    public func changes(of id: Int64) async throws -> [HealthCaseChange] {
        try await database.withConnection { sql in
            try await Self.timeline(of: id, on: sql).milestones.map { HealthCaseChange(status: $0.status, accountID: $0.facility, at: $0.at) }
        }
    }

    /// `query` over `hx_patients` narrowed to `filter`'s province and facility.
    private static func filtered(_ query: SQLSelectBuilder, by filter: HealthCaseFilter) -> SQLSelectBuilder {
        var query = query
        if let province = filter.provinceCode { query = query.where("province_code", .equal, province) }
        if let account = filter.sourceAccountID {
            query = query.where("id", .in, SQLSubquery.select { $0.column("patient_id").from("hx_patient_sources").where("account_id", .equal, account) })
        }
        return query
    }
}

extension HealthExchangeRepository {
    /// Deletes the cases closed (recovered, deceased, transferred or cleared) before `cutoff`,
    /// with everything kept about them: records, changes, identifiers, keys, sources, merges and
    /// splits. How many cases went.
    public func deleteClosed(before cutoff: Date) async throws -> Int {
        try await database.transaction { sql in
            let closed = CaseStatus.allCases.filter(\.isClosed).map(\.rawValue)
            let old = try await sql.select().column("id").from("hx_patients").where("status", .in, closed).where("status_at", .lessThan, cutoff.unixSeconds)
                .limit(10_000).all().map { try $0.decode(column: "id", as: Int64.self) }
            guard !old.isEmpty else { return 0 }
            for table in ["hx_merges", "hx_patient_splits"] {
                try await sql.delete(from: table).where { $0.where("patient_id", .in, old).orWhere("split_patient_id", .in, old) }.run()
            }
            for table in ["hx_records", "hx_case_events", "hx_patient_identifiers", "hx_patient_keys", "hx_patient_sources"] {
                try await sql.delete(from: table).where("patient_id", .in, old).run()
            }
            try await sql.delete(from: "hx_patients").where("id", .in, old).run()
            return old.count
        }
    }
}
