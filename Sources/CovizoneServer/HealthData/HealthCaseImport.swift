import CovizoneCore
import CovizoneStore
import Foundation
import HealthDataExchange

/// A small clinic's cases from a spreadsheet (CSV with a header; the columns of ``CaseRow``, in
/// any order, `name` required): each row becomes the transaction a hospital's system would send
/// and is stored by the same rules; every bad row is reported with its line and column.
struct HealthCaseImport: Sendable {
    let exchange: HealthExchangeService
    static let maximumRows = 5_000
    static let maximumBytes = 4 << 20

    /// What an import did.
    struct Report: Encodable, Sendable {
        var imported: Int
        var rejected: Int
        var patientIds: [Int64]
        var errors: [ImportRowError]
    }

    func run(csv: String, by principal: Principal, caller: Caller) async throws -> Report {
        let sheet = try CSVImportSheet(
            csv: csv, kind: "case", required: ["name"], optional: CaseRow.columns.filter { $0 != "name" }, maximumRows: Self.maximumRows
        )
        var report = Report(imported: 0, rejected: 0, patientIds: [], errors: [])
        for line in sheet.rows {
            func value(_ column: String) -> String? {
                let text = line.value(column)
                return text.isEmpty ? nil : text
            }
            var row = CaseRow(
                person: PersonDetails(
                    name: line.value("name"), birthDate: value("birthDate"), gender: value("gender"), phone: value("phone"), provinceCode: value("provinceCode"),
                    wardCode: value("wardCode"), address: value("address")
                )
            )
            (row.identifierSystem, row.identifier) = (value("identifierSystem"), value("identifier"))
            (row.diagnosis, row.test, row.result, row.testedAt) = (value("diagnosis"), value("test"), value("result"), value("testedAt"))
            (row.admittedAt, row.isolatedAt, row.dischargedAt, row.deceasedAt) = (value("admittedAt"), value("isolatedAt"), value("dischargedAt"), value("deceasedAt"))
            do {
                let response = try await exchange.transaction(row.bundle(), by: principal, caller: caller)
                report.imported += 1
                if let location = response.entry?.first?.response?.location, let id = Int64(location.dropFirst("Patient/".count)), !report.patientIds.contains(id) {
                    report.patientIds.append(id)
                }
            } catch HealthExchangeError.refused(let outcome) {
                report.rejected += 1
                report.errors += outcome.issue.map { issue in
                    ImportRowError(line: line.line, field: CaseRow.column(for: issue.expression?.first ?? ""), message: issue.diagnostics ?? issue.code)
                }
            }
        }
        return report
    }
}
