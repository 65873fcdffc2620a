import CommunicationReporting
import CovizoneCore
import Foundation
import Hummingbird
import Spreadsheets

/// A round's aggregate and its files: `GET /api/v1/reporting/rounds/{id}/summary?orgUnit=`,
/// `…/summary.xlsx`, `…/summary.csv`, `…/data-values?format=json|csv|adx`, and `POST
/// …/data-values` (the DHIS2 CSV, `?complete=true` to complete the reports too).
struct ReportingSummaryController: Sendable {
    let reporting: ReportingDomain
    let clock: WallClock
    /// The largest CSV import.
    static let maximumImportBytes = 2 << 20

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("reporting/rounds/:id/summary", use: summary)
        group.get("reporting/rounds/:id/summary.xlsx", use: workbook)
        group.get("reporting/rounds/:id/summary.csv", use: csv)
        group.get("reporting/rounds/:id/data-values", use: dataValues)
        group.post("reporting/rounds/:id/data-values", use: importValues)
    }

    @Sendable func summary(_ request: Request, context: AppRequestContext) async throws -> SummaryItem {
        SummaryItem(try await fetch(request, context))
    }

    @Sendable func workbook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let summary = try await fetch(request, context)
        let table = SummaryTable(summary: summary, language: language(request), printedAt: clock.now)
        let bytes = try XLSXWriter.workbook([table.worksheet], modified: clock.now)
        return .attachment(ByteBuffer(bytes: bytes), contentType: XLSXWriter.contentType, filename: filename(summary, "xlsx"))
    }

    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let summary = try await fetch(request, context)
        let table = SummaryTable(summary: summary, language: language(request), printedAt: clock.now)
        return .attachment(ByteBuffer(string: table.csv), contentType: "text/csv; charset=utf-8", filename: filename(summary, "csv"))
    }

    @Sendable func dataValues(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(OrgUnitService.readers)
        let format = try ReportingExchangeService.DataValueFormat(query: request)
        let (round, values) = try await reporting.exchange.dataValues(
            roundID: try context.pathID(of: "Round"), orgUnitID: try request.queryID("orgUnit"), for: principal, adx: format == .adx
        )
        return try format.download(values, dataSet: round.formID, name: "round-\(round.id)-data-values", exported: clock.now)
    }

    @Sendable func importValues(_ request: Request, context: AppRequestContext) async throws -> ReportingExchangeService.Imported {
        let principal = try context.authorize(OrgUnitService.readers)
        let csv = try await request.csvBody(limit: Self.maximumImportBytes)
        let complete = request.uri.queryParameters["complete"].map { $0 == "true" } ?? false
        return try await reporting.exchange.importCSV(csv, roundID: try context.pathID(of: "Round"), complete: complete, by: principal, caller: context.caller)
    }

    private func fetch(_ request: Request, _ context: AppRequestContext) async throws -> ReportingSummaryService.Summary {
        let principal = try context.authorize(OrgUnitService.readers)
        return try await reporting.summaries.summary(roundID: try context.pathID(of: "Round"), orgUnitID: try request.queryID("orgUnit"), for: principal)
    }

    private func language(_ request: Request) -> Language {
        request.uri.queryParameters["lang"].flatMap { Language(rawValue: String($0)) } ?? Language(acceptLanguage: request.headers[.acceptLanguage])
    }

    private func filename(_ summary: ReportingSummaryService.Summary, _ suffix: String) -> String {
        "round-\(summary.round.id)-unit-\(summary.unit.id)-summary.\(suffix)"
    }
}
