import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird

/// A round's pages: `GET /reporting/rounds/{id}?orgUnit=` (aggregate, charts, board, the
/// ministry's table across provinces) with `POST …/reminders`, a unit's report `GET/POST
/// /reporting/rounds/{id}/reports/{unit}` (save or complete) with `POST …/reopen`, and the
/// summary and data-value files under the same paths as the API's. Forms are CSRF-protected.
struct ReportingRoundPagesController: Sendable {
    let reporting: ReportingDomain
    let files: ReportingSummaryController
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("reporting/rounds/:id", use: round)
        group.post("reporting/rounds/:id/reminders", use: remind)
        group.get("reporting/rounds/:id/reports/:orgUnitId") { request, context in
            let principal = try context.authorize(OrgUnitService.readers)
            let (round, unit) = try ids(context)
            let view = try await reporting.reports.view(roundID: round, orgUnitID: unit, for: principal)
            var page = ReportingReportPage(view: view, typed: nil, principal: principal, text: renderer.text(for: request))
            page.notice = request.uri.queryParameters["done"].map { renderer.text(for: request)("reporting_done_\($0)") }
            return renderer.render("reporting-report", titleKey: "reporting_report_title", page: page, request: request, context: context)
        }
        group.post("reporting/rounds/:id/reports/:orgUnitId", use: save)
        group.post("reporting/rounds/:id/reports/:orgUnitId/reopen") { request, context in
            let principal = try context.authorize(ReportService.reopeners)
            try context.verifySessionCSRF(try await request.formFields())
            let (round, unit) = try ids(context)
            _ = try await reporting.reports.reopen(roundID: round, orgUnitID: unit, by: principal, caller: context.caller)
            return Response(status: .seeOther, headers: [.location: "/reporting/rounds/\(round)/reports/\(unit)?done=reopen"])
        }
        group.get("reporting/rounds/:id/summary.xlsx", use: files.workbook)
        group.get("reporting/rounds/:id/summary.csv", use: files.csv)
        group.get("reporting/rounds/:id/data-values", use: files.dataValues)
    }

    @Sendable func round(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(OrgUnitService.readers)
        let id = try context.pathID(of: "Round")
        let scope = try request.queryID("orgUnit")
        let summary = try await reporting.summaries.summary(roundID: id, orgUnitID: scope, for: principal)
        // The ministry's view of a national round is the provinces' table, not every unit of the country.
        var board: [ReportingSummaryService.BoardRow] = []
        var provinces: [ReportingSummaryService.Summary] = []
        if summary.unit.kind == .ministry {
            provinces = try await reporting.summaries.byProvince(summary, provinces: try await reporting.tree.units.children(of: summary.unit.id, afterID: nil, limit: 100))
        } else {
            var after: Int64?
            repeat {
                let page = try await reporting.summaries.board(roundID: id, orgUnitID: summary.unit.id, for: principal, afterID: after, limit: 1_000)
                board += page.rows
                after = page.rows.count == 1_000 ? page.rows.last?.unit.id : nil
            } while after != nil
        }
        var history: [ReportingSummaryService.Summary] = []
        for earlier in try await reporting.rounds.list(for: principal, beforeID: id + 1, limit: 8).reversed() {
            // A round of another part of the tree (above the scope, or beside it) has no summary here.
            do {
                history.append(try await reporting.summaries.summary(roundID: earlier.id, orgUnitID: summary.unit.id, for: principal))
            } catch is ReportingError {}
        }
        let text = renderer.text(for: request)
        let notice = request.uri.queryParameters["reminded"].map { text("reporting_reminded", ["texts": String($0)]) }
        let page = ReportingRoundPage(
            summary: summary, board: board, history: history, provinces: provinces, principal: principal, text: text, notice: notice
        )
        return renderer.render("reporting-round", titleKey: "reporting_round_title", page: page, request: request, context: context)
    }

    @Sendable func remind(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(ReportingReminderService.senders)
        let fields = try await request.formFields()
        try context.verifySessionCSRF(fields)
        let id = try context.pathID(of: "Round")
        let scope = fields["orgUnit"].flatMap { Int64($0) }
        let sent = try await reporting.reminders.remind(roundID: id, orgUnitID: scope, by: principal, caller: context.caller)
        return Response(status: .seeOther, headers: [.location: "/reporting/rounds/\(id)?orgUnit=\(scope.map(String.init) ?? "")&reminded=\(sent.texts)"])
    }

    /// The form posts every field; blank ones are left out. `action=complete` saves, then completes.
    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(OrgUnitService.readers)
        let fields = try await request.formFields()
        try context.verifySessionCSRF(fields)
        let (round, unit) = try ids(context)
        let view = try await reporting.reports.view(roundID: round, orgUnitID: unit, for: principal)
        var values: [String: Int] = [:]
        var problems: [FieldError] = []
        for element in view.form.elements {
            guard let text = fields[element.id]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { continue }
            if let value = ReportValues.count(from: text) { values[element.id] = value } else { problems.append(FieldError(field: "values.\(element.id)", message: "must be a whole number")) }
        }
        let notes = Dictionary(uniqueKeysWithValues: view.form.channels.compactMap { channel in fields["notes.\(channel.code)"].map { (channel.code, $0) } })
        do {
            try ValidationFailure.check(problems)
            _ = try await reporting.reports.save(.init(values: values, notes: notes, proposals: fields["proposals"]), roundID: round, orgUnitID: unit, by: principal, caller: context.caller)
            let completing = fields["action"] == "complete"
            if completing { _ = try await reporting.reports.complete(roundID: round, orgUnitID: unit, by: principal, caller: context.caller) }
            return Response(status: .seeOther, headers: [.location: "/reporting/rounds/\(round)/reports/\(unit)?done=\(completing ? "complete" : "save")"])
        } catch let error as any HTTPProblemConvertible where error is ValidationFailure || error is ReportingError {
            let text = renderer.text(for: request)
            let current = try await reporting.reports.view(roundID: round, orgUnitID: unit, for: principal)
            var page = ReportingReportPage(view: current, typed: fields, principal: principal, text: text)
            let names = Dictionary(uniqueKeysWithValues: view.form.elements.map { ("values.\($0.id)", text.language == .en ? $0.name.en : $0.name.vi) })
            page.errors = error.problem.errors.isEmpty ? [error.problem.detail] : error.problem.errors.map { "\(names[$0.field] ?? $0.field): \($0.message)" }
            return renderer.render("reporting-report", titleKey: "reporting_report_title", page: page, request: request, context: context, status: .unprocessableContent)
        }
    }

    private func ids(_ context: AppRequestContext) throws -> (round: Int64, unit: Int64) {
        (try context.pathID(of: "Round"), try context.pathID("orgUnitId", of: "Organisation unit"))
    }
}
