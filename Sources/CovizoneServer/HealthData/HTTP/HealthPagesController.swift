import Charts
import CovizoneCore
import CovizoneStore
import Foundation
import HealthDataExchange
import HTTPTypes
import Hummingbird

/// The exchange's pages: `GET /health` (the line list in the reader's scope, with
/// `/health/cases.csv`), `GET /health/figures` (daily figures as a chart and tables, with
/// `/health/figures/export?format=json|csv|adx`), `GET`/`POST /health/cases/new` (a facility
/// enters one case), `GET /health/cases/{id}` (one case; for its province's health authority the
/// upload code and the venues, `POST …/upload-code`, `POST …/venues/{visitId}/outbreak`).
struct HealthPagesController: Sendable {
    let cases: HealthCasesController
    let renderer: PageRenderer
    static let pageSize = 50
    /// Most rows of the CSV download.
    static let csvRows = 10_000

    var health: HealthDataDomain { cases.health }
    var divisions: AdministrativeDivisions { cases.divisions }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("health", use: list)
        group.get("health/cases.csv", use: csv)
        group.get("health/figures", use: figures)
        group.get("health/figures/export", use: export)
        group.get("health/cases/new") { request, context in
            _ = try context.authorize(HealthExchangeService.senders)
            return renderForm(HealthCaseFormPage(values: [:], problems: [], text: renderer.text(for: request), divisions: divisions), request, context)
        }
        group.post("health/cases/new", use: enter)
        group.get("health/cases/:id") { request, context in try await showCase(request, context) }
        group.post("health/cases/:id/upload-code", use: uploadCode)
        group.post("health/cases/:id/venues/:visitId/outbreak", use: declareOutbreak)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(HealthExchangeService.readers)
        let text = renderer.text(for: request)
        let query = request.formQuery
        let filter = try cases.filter(request, for: principal, withStatus: true)
        let cursor = query["cursor"].flatMap(PageRequest.decodeCursor)
        let found = try await health.views.list(filter, beforeID: cursor, limit: Self.pageSize + 1, caller: context.caller)
        let shown = Array(found.prefix(Self.pageSize))
        var filters = query
        filters["cursor"] = nil
        var page = HealthCasesPage(
            rows: shown.map { HealthCasesPage.row($0, text: text, divisions: divisions) }, hasRows: !shown.isEmpty, nextHref: nil,
            csvHref: "/health/cases.csv?" + QueryString.encode(filters),
            statusOptions: [PageOption(code: "", label: text("health_all_statuses"), selected: query["status"] == nil)]
                + CaseStatus.allCases.map { PageOption(code: $0.rawValue, label: text("health_status_" + $0.rawValue), selected: query["status"] == $0.rawValue) },
            provinceOptions: [PageOption(code: "", label: text("health_all_provinces"), selected: query["province"] == nil)]
                + divisions.provinces.map { PageOption(code: $0.code, label: $0.name, selected: filter.provinceCode == $0.code) },
            choosesProvince: principal.user.role == .ministryAdmin || (principal.user.role == .healthAuthority && principal.scope.provinceCode == nil),
            canEnter: HealthExchangeService.senders.contains(principal.user.role),
            reviewsMerges: HealthMergeService.reviewers.contains(principal.user.role)
        )
        if found.count > Self.pageSize, let last = shown.last {
            filters["cursor"] = PageRequest.encodeCursor(last.id)
            page.nextHref = "/health?" + QueryString.encode(filters)
        }
        return renderer.render("health-cases", titleKey: "health_title", page: page, request: request, context: context)
    }

    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(HealthExchangeService.readers)
        let filter = try cases.filter(request, for: principal, withStatus: true)
        return HealthCasesController.csv(try await health.views.list(filter, beforeID: nil, limit: Self.csvRows, caller: context.caller))
    }

    @Sendable func figures(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(HealthExchangeService.readers)
        let text = renderer.text(for: request)
        let days = try cases.days(request)
        let figures = try await health.views.figures(try cases.filter(request, for: principal), days: days)
        let shownDays = figures.total.map(HealthJSON.Day.init)
        var exportQuery = ["days": String(days)]
        exportQuery["province"] = request.uri.queryParameters["province"].map(String.init)
        let page = HealthFiguresPage(
            chart: Self.chart(figures, text: text), days: shownDays.reversed(),
            provinces: figures.provinces.map { code, days in
                HealthFiguresPage.ProvinceRow(
                    name: divisions.province(code: code)?.name ?? code, today: HealthJSON.Day(days.last ?? DailyCaseFigures(day: figures.days.upperBound)),
                    confirmedInPeriod: days.map(\.newConfirmed).reduce(0, +)
                )
            },
            beds: figures.today.bedsByFacility.sorted { $0.key < $1.key }
                .map { HealthFiguresPage.BedsRow(facility: figures.facilityNames[$0.key] ?? "#\($0.key)", occupied: $0.value) },
            hasBeds: !figures.today.bedsByFacility.isEmpty,
            period: "\(VietnamDay.string(ofNumber: figures.days.lowerBound)) – \(VietnamDay.string(ofNumber: figures.days.upperBound))",
            exportQuery: QueryString.encode(exportQuery), reviewsMerges: HealthMergeService.reviewers.contains(principal.user.role)
        )
        return renderer.render("health-figures", titleKey: "health_figures_title", page: page, request: request, context: context)
    }

    /// New confirmed and suspected cases, active cases and beds occupied, day by day.
    static func chart(_ figures: HealthCaseViews.Figures, text: PageText) -> String {
        let total = figures.total
        return Chart(
            style: .lines, title: text("health_chart_title"), summary: text("health_chart_summary"),
            categories: total.map { String(VietnamDay.string(ofNumber: $0.day).dropFirst(5)) },
            series: [
                .init(name: text("health_figure_newConfirmed"), values: total.map { Double($0.newConfirmed) }, colour: "#d73027"),
                .init(name: text("health_figure_newSuspected"), values: total.map { Double($0.newSuspected) }, colour: "#fc8d59"),
                .init(name: text("health_figure_active"), values: total.map { Double($0.active) }, colour: "#4575b4"),
                .init(name: text("health_figure_bedsOccupied"), values: total.map { Double($0.bedsOccupied) }, colour: "#1a9850"),
            ]
        ).svg()
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(HealthExchangeService.readers)
        let format = try ReportingExchangeService.DataValueFormat(query: request)
        let figures = try await health.views.figures(try cases.filter(request, for: principal), days: try cases.days(request))
        return try HealthCasesController.dataValues(figures, format: format, health: health)
    }

    @Sendable func enter(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(HealthExchangeService.senders)
        let fields = try await request.formFields()
        try context.verifySessionCSRF(fields)
        do {
            let id = try await health.entry.enter(HealthCaseFormPage.row(from: fields), by: principal, caller: context.caller)
            return Response(status: .seeOther, headers: [.location: "/health/cases/\(id)"])
        } catch let failure as ValidationFailure {
            let page = HealthCaseFormPage(values: fields, problems: failure.errors, text: renderer.text(for: request), divisions: divisions)
            return renderForm(page, request, context, status: .unprocessableContent)
        }
    }

    private func renderForm(_ page: HealthCaseFormPage, _ request: Request, _ context: AppRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        renderer.render("health-case-form", titleKey: "health_form_title", page: page, request: request, context: context, status: status)
    }

    /// The case page, with what the last action gave.
    private func showCase(
        _ request: Request, _ context: AppRequestContext, issued: UploadCodesPageController.Page.Issued? = nil, notice: String? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let principal = try context.authorize(HealthExchangeService.readers)
        let text = renderer.text(for: request)
        let id = try context.pathID(of: "case")
        let detail = try await health.views.detail(id, for: principal, caller: context.caller)
        var page = HealthCasePage(
            detail, canAct: HealthCaseLinks.isConfirmed(detail) && HealthCaseLinks.officers.contains(principal.user.role),
            reviewsMerges: HealthMergeService.reviewers.contains(principal.user.role), text: text, divisions: divisions
        )
        (page.issued, page.notice, page.error) = (issued, notice, error)
        if page.canAct, detail.patient.details.phone != nil {
            let found = try await health.links.venues(of: detail, caller: context.caller)
            page.infectiousPeriod = "\(PageText.wallClock(found.period.lowerBound)) – \(PageText.wallClock(found.period.upperBound))"
            page.visits = found.visits.map {
                HealthCasePage.Visit(
                    venue: $0.venueName, checkedInAt: PageText.wallClock($0.visit.checkedInAt), endedAt: PageText.wallClock($0.visit.endedAt),
                    outbreakAction: "/health/cases/\(id)/venues/\($0.visit.id)/outbreak"
                )
            }
            page.hasVisits = !page.visits.isEmpty
            page.declarations = try await health.links.declarations(of: detail, by: principal, caller: context.caller).map {
                HealthCasePage.Declaration(
                    href: "/declarations/\($0.kind.rawValue)/\($0.code)", code: $0.code, kind: text("health_declaration_" + $0.kind.rawValue),
                    risk: text("declaration_risk_" + $0.content.riskLevel.rawValue), submittedAt: PageText.wallClock($0.submittedAt)
                )
            }
            page.hasDeclarations = !page.declarations.isEmpty
        }
        return renderer.render("health-case", titleKey: "health_case_title", page: page, request: request, context: context, status: status)
    }

    @Sendable func uploadCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(HealthCaseLinks.officers)
        try context.verifySessionCSRF(try await request.formFields())
        let text = renderer.text(for: request)
        do {
            let issued = try await health.links.uploadCode(caseID: try context.pathID(of: "case"), by: principal, caller: context.caller)
            let shown = UploadCodesPageController.Page.Issued(shortCode: issued.code.shortCode, longCode: issued.code.longCode, expiresAt: PageText.time(issued.record.details.shortExpiresAt))
            return try await showCase(request, context, issued: shown)
        } catch is ValidationFailure {
            return try await showCase(request, context, error: text("health_code_too_old"), status: .unprocessableContent)
        } catch UploadCodeError.tooManyCodes {
            return try await showCase(request, context, error: text("codes_rate_limited"), status: .tooManyRequests)
        }
    }

    @Sendable func declareOutbreak(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(HealthCaseLinks.officers)
        try context.verifySessionCSRF(try await request.formFields())
        let outbreak = try await health.links.declareOutbreak(
            caseID: try context.pathID(of: "case"), visitID: try context.pathID("visitId", of: "visit"), by: principal, caller: context.caller
        )
        let notice = renderer.text(for: request)("health_outbreak_declared", ["count": String(outbreak.exposedVisits)])
        return try await showCase(request, context, notice: notice)
    }
}
