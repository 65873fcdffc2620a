import Hummingbird

/// A clinic's spreadsheet of cases: `POST /api/v1/health/cases/import` with a `text/csv` body
/// (health-facility accounts) → 201 with the row report when rows were stored, 200 when none was.
struct HealthCasesController: Sendable {
    let cases: HealthCaseImport

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("health/cases/import", use: importCSV)
    }

    @Sendable func importCSV(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<HealthCaseImport.Report> {
        let principal = try context.authorize(HealthExchangeService.senders)
        let report = try await cases.run(csv: try await request.csvBody(limit: HealthCaseImport.maximumBytes), by: principal, caller: context.caller)
        return EditedResponse(status: report.imported > 0 ? .created : .ok, response: report)
    }
}

extension HealthCaseImport.Report: ResponseEncodable {}
