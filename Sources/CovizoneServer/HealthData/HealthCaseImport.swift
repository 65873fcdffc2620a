import CovizoneCore
import CovizoneStore
import Foundation
import HealthDataExchange

/// Cases a small clinic enters without a FHIR system: a spreadsheet (CSV with a header; the
/// columns of ``CaseRow``, in any order, `name` required) or the web form. Each row becomes the
/// transaction a hospital's system would send and is stored by the same rules; every problem is
/// reported with its row's column.
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
            do {
                let id = try await enter(CaseRow(value: line.value), by: principal, caller: caller)
                report.imported += 1
                if !report.patientIds.contains(id) { report.patientIds.append(id) }
            } catch let failure as ValidationFailure {
                report.rejected += 1
                report.errors += failure.errors.map { ImportRowError(line: line.line, field: $0.field, message: $0.message) }
            }
        }
        return report
    }

    /// Stores one case as `row` gives it; the patient's id, or each problem under its column.
    func enter(_ row: CaseRow, by principal: Principal, caller: Caller) async throws -> Int64 {
        do {
            let response = try await exchange.transaction(row.bundle(), by: principal, caller: caller)
            guard let location = response.entry?.first?.response?.location, let id = Int64(location.dropFirst("Patient/".count)) else {
                throw ValidationFailure([FieldError(field: "row", message: "was not stored")])
            }
            return id
        } catch HealthExchangeError.refused(let outcome) {
            throw ValidationFailure(
                outcome.issue.map { FieldError(field: CaseRow.column(for: $0.expression?.first ?? ""), message: $0.diagnostics ?? $0.code) }
            )
        }
    }
}
