import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation
import HealthDataExchange
import Hummingbird
import NIOCore

/// The exchange's cases outside FHIR: `POST /api/v1/health/cases/import` (a clinic's `text/csv`
/// spreadsheet → 201 with the row report when rows were stored, 200 when none was);
/// `GET /api/v1/health/cases[?province=&status=&format=csv]` (the line list, scoped and audited);
/// `GET /api/v1/health/cases/{id}` (one case with its sources and status history);
/// `GET /api/v1/health/figures[?days=&province=]` and
/// `GET /api/v1/health/figures/data-values?format=json|csv|adx` (the daily figures, and as DHIS2 reads them).
struct HealthCasesController: Sendable {
    let health: HealthDataDomain
    let divisions: AdministrativeDivisions

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("health/cases/import", use: importCSV)
        group.get("health/cases", use: list)
        group.get("health/cases/:id", use: detail)
        group.get("health/figures", use: figures)
        group.get("health/figures/data-values", use: dataValues)
    }

    @Sendable func importCSV(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<HealthCaseImport.Report> {
        let principal = try context.authorize(HealthExchangeService.senders)
        let report = try await health.entry.run(csv: try await request.csvBody(limit: HealthCaseImport.maximumBytes), by: principal, caller: context.caller)
        return EditedResponse(status: report.imported > 0 ? .created : .ok, response: report)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(HealthExchangeService.readers)
        let filter = try self.filter(request, for: principal, withStatus: true)
        let page = try PageRequest(request: request)
        let cases = try await health.views.list(filter, beforeID: page.cursorID, limit: page.limit + 1, caller: context.caller)
        guard request.uri.queryParameters["format"] == "csv" else {
            return try Page(fetched: cases, limit: page.limit, id: \.id, item: HealthJSON.CaseItem.init).response(from: request, context: context)
        }
        return Self.csv(Array(cases.prefix(page.limit)))
    }

    /// The line list as a spreadsheet download.
    static func csv(_ cases: [HealthPatientRecord]) -> Response {
        let text = CSVWriter.row(HealthJSON.CaseItem.csvHeader) + cases.map { CSVWriter.row(HealthJSON.CaseItem($0).csvFields) }.joined()
        return .attachment(ByteBuffer(string: text), contentType: "text/csv; charset=utf-8", filename: "cases.csv")
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> HealthJSON.CaseDetail {
        let principal = try context.authorize(HealthExchangeService.readers)
        return HealthJSON.CaseDetail(try await health.views.detail(try context.pathID(of: "case"), for: principal, caller: context.caller))
    }

    @Sendable func figures(_ request: Request, context: AppRequestContext) async throws -> HealthJSON.Figures {
        let principal = try context.authorize(HealthExchangeService.readers)
        let figures = try await health.views.figures(try filter(request, for: principal), days: try days(request))
        return HealthJSON.Figures(figures, divisions: divisions)
    }

    @Sendable func dataValues(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(HealthExchangeService.readers)
        let format = try ReportingExchangeService.DataValueFormat(query: request)
        let figures = try await health.views.figures(try filter(request, for: principal), days: try days(request))
        return try Self.dataValues(figures, format: format, health: health)
    }

    /// `figures` as a DHIS2 data value set (JSON, CSV) or ADX download.
    static func dataValues(_ figures: HealthCaseViews.Figures, format: ReportingExchangeService.DataValueFormat, health: HealthDataDomain) throws -> Response {
        let now = health.views.clock.now
        return try format.download(
            health.export.dataValues(figures, adx: format == .adx, at: now), dataSet: HealthFiguresExport.dataSet,
            name: "covid19-cases-\(VietnamDay.string(ofNumber: figures.days.upperBound))", exported: now
        )
    }

    /// The scope of `request`'s `province` (and `status`) for `principal`.
    func filter(_ request: Request, for principal: Principal, withStatus: Bool = false) throws -> HealthCaseFilter {
        var status: CaseStatus?
        if withStatus, let text = request.uri.queryParameters["status"].map(String.init) {
            guard let value = CaseStatus(rawValue: text) else {
                throw APIError.invalid([FieldError(field: "status", message: "must be one of " + CaseStatus.allCases.map(\.rawValue).joined(separator: ", "))])
            }
            status = value
        }
        return try health.views.filter(province: try request.queryProvince(divisions: divisions), status: status, for: principal)
    }

    func days(_ request: Request) throws -> Int {
        try request.queryInteger("days", in: 1...HealthCaseViews.maximumDays, default: 30)
    }
}

extension HealthCaseImport.Report: ResponseEncodable {}
