import ArgumentParser
import CommunicationReporting
import CovizoneCore
import CovizoneServer
import CovizoneStore
import Foundation
import SQLKit

/// Communication reporting at the issue's scale: the 34 provinces with U units each, one
/// national round at the ministry that every unit completed (but every tenth, left a draft) with
/// all the form's elements. Times the summaries the API and the pages compute — the whole
/// country, one province, and the ministry's table of the 34 provinces — through
/// `ReportRepository` and `RoundSummary`, as `ReportingSummaryService` does.
/// The values are written as the store writes them: with their round, path, province and whether they count.
struct ReportingSummaryBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reporting-summary", abstract: "Round summaries over 34 provinces × U units.")

    @Option(help: "Units under each province.") var units = 500
    @Option(help: "Times each summary is computed.") var runs = 20
    @Option(help: "postgres://… to measure PostgreSQL instead of a temporary SQLite file.") var databaseURL: String?

    func run() async throws {
        let (database, _, folder) = try await openBenchmarkStore(databaseURL: databaseURL)
        defer { try? FileManager.default.removeItem(at: folder) }
        let form = try ReportingForm.bundledCommunication()
        let tree = OrgUnitRepository(database: database)
        let divisions = try AdministrativeDivisions.bundled()
        try await tree.ensureSystemUnits(ministryName: "Bộ Thông tin và Truyền thông", provinces: divisions.provinces.map { ($0.code, $0.name) }, at: Date())
        guard let ministry = try await tree.children(of: nil, afterID: nil, limit: 1).first else { throw ValidationError("no ministry") }
        let provinces = try await tree.children(of: ministry.id, afterID: nil, limit: 100)

        let started = ContinuousClock.now
        let round = try await ReportingRoundRepository(database: database).create(
            NewReportingRound(
                formID: form.id, formVersion: form.version, name: "bench", period: ADXPeriod(startDay: 20_000, endDay: 20_006)!,
                dueAt: Date(timeIntervalSince1970: 1_800_000_000), locksAt: Date(timeIntervalSince1970: 1_800_604_800), orgUnit: ministry
            ),
            createdBy: nil, at: Date()
        )
        try await seed(database, provinces: provinces, round: round, elements: form.elements.map(\.id))
        report("reporting-seed engine=\(database.engine) units with a report of \(form.elements.count) values", operations: provinces.count * units, elapsed: ContinuousClock.now - started)

        let reports = ReportRepository(database: database)
        func summary(_ unit: OrgUnitRecord) async throws -> RoundSummary {
            RoundSummary(
                form: form, sums: try await reports.sums(roundID: round.id, within: unit.path),
                completeness: try await reports.completeness(round: round, within: unit.path)
            )
        }
        let national = try await summary(ministry)
        print("national summary: expected \(national.completeness.expected), completed \(national.completeness.completed), sms-zalo \(national.percentages["sms-zalo"] ?? 0) %")
        try await measure("national summary (the whole country)") { _ = try await summary(ministry) }
        try await measure("one province's summary") { _ = try await summary(provinces[provinces.count / 2]) }
        try await measure("the ministry's table (34 provinces' summaries in one scan)") {
            _ = try await reports.sumsByProvince(roundID: round.id, within: ministry.path)
            _ = try await reports.completenessByProvince(round: round, within: ministry.path)
        }
        try await database.shutdown()
    }

    private func measure(_ name: String, _ body: () async throws -> Void) async throws {
        var latencies: [Duration] = []
        for _ in 0..<runs {
            let started = ContinuousClock.now
            try await body()
            latencies.append(ContinuousClock.now - started)
        }
        latencies.sort()
        func milliseconds(_ index: Int) -> String { String(format: "%.0f ms", latencies[min(index, latencies.count - 1)].timeInterval * 1000) }
        print("\(name): median \(milliseconds(latencies.count / 2)), p95 \(milliseconds(Int(Double(latencies.count) * 0.95))), max \(milliseconds(latencies.count - 1))")
    }

    /// The units (one statement per province, their paths set after), their reports and values, made inside the database.
    private func seed(_ database: Database, provinces: [OrgUnitRecord], round: ReportingRoundRecord, elements: [String]) async throws {
        try await database.withConnection { sql in
            for province in provinces {
                try await sql.raw(
                    generatedInsert(
                        units, into: "reporting_org_units", "name, kind, parent_id, province_code, created_at",
                        select: "'bench unit ' || i, 'commune', \(province.id), '\(province.provinceCode ?? "")', 0", engine: database.engine
                    )
                ).run()
                try await sql.raw(
                    "UPDATE reporting_org_units SET path = \(bind: province.path.description) || CAST(id AS TEXT) || '/' WHERE parent_id = \(bind: province.id) AND path IS NULL"
                ).run()
            }
            try await sql.raw(
                """
                INSERT INTO reporting_reports (round_id, org_unit_id, org_unit_path, status, notes, proposals, completed_at, updated_by, updated_at) \
                SELECT \(literal: Int(round.id)), id, path, CASE WHEN id % 10 = 0 THEN 'draft' ELSE 'complete' END, '{}', '', \
                CASE WHEN id % 10 = 0 THEN NULL ELSE 1799990000 + id % 20000 END, 'bench', 1799990000 FROM reporting_org_units WHERE kind = 'commune'
                """
            ).run()
            let table = elements.enumerated().map { "SELECT '\($0.element)' AS element, \($0.offset) AS k" }.joined(separator: " UNION ALL ")
            try await sql.raw(
                SQLQueryString(
                    "INSERT INTO reporting_values (report_id, element, value, round_id, org_unit_path, province_code, counted) SELECT r.id, e.element, "
                        + "CASE WHEN e.element LIKE '%.target' THEN 1000 + (r.id * 7 + e.k) % 1000 WHEN e.element LIKE '%.reached' THEN (r.id * 7 + e.k) % 1000 "
                        + "ELSE (r.id + e.k) % 50 END, r.round_id, r.org_unit_path, u.province_code, CASE WHEN r.status = 'complete' THEN 1 ELSE 0 END "
                        + "FROM reporting_reports r JOIN reporting_org_units u ON u.id = r.org_unit_id CROSS JOIN (\(table)) e WHERE r.round_id = \(round.id)"
                )
            ).run()
            try await sql.raw("ANALYZE").run()
        }
    }
}
