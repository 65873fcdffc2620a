import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird

/// The reporting pages of the tree and the rounds: `GET /reporting` (rounds, and an officer's
/// form to open one: `POST /reporting/rounds`), `GET /reporting/units?parent=` (the tree) with
/// `POST /reporting/units` (add a unit) and `POST /reporting/units/import` (a CSV). Every form
/// is CSRF-protected.
struct ReportingPagesController: Sendable {
    let reporting: ReportingDomain
    let renderer: PageRenderer
    let clock: WallClock

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("reporting") { request, context in
            let principal = try context.authorize(OrgUnitService.readers)
            return try await renderHome(principal: principal, form: nil, errors: [], request: request, context: context)
        }
        group.post("reporting/rounds", use: openRound)
        group.get("reporting/units") { request, context in
            let principal = try context.authorize(OrgUnitService.readers)
            let page = try await unitsPage(parent: try request.queryID("parent"), principal: principal, request: request)
            return renderer.render("reporting-units", titleKey: "reporting_units_title", page: page, request: request, context: context)
        }
        group.post("reporting/units", use: addUnit)
        group.post("reporting/units/import", use: importUnits)
    }

    @Sendable func openRound(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(OrgUnitService.builders)
        let fields = try await request.formFields()
        try context.verifySessionCSRF(fields)
        let form = ReportingHomePage.Form(
            name: fields["name"] ?? "", start: fields["start"] ?? "", end: fields["end"] ?? "", due: fields["due"] ?? "", orgUnitId: fields["orgUnitId"] ?? ""
        )
        let new = ReportingRoundService.NewRound(
            formId: "communication", name: form.name, start: form.start, end: form.end, due: form.due, orgUnitId: Int64(form.orgUnitId) ?? 0
        )
        do {
            let round = try await reporting.rounds.create(new, by: principal, caller: context.caller)
            return Response(status: .seeOther, headers: [.location: "/reporting/rounds/\(round.id)"])
        } catch let error as any HTTPProblemConvertible where error is ValidationFailure || error is ReportingError {
            let errors = renderer.text(for: request).fieldErrors(error.problem.errors, labelPrefix: "reporting_field_")
            return try await renderHome(principal: principal, form: form, errors: errors.isEmpty ? [error.problem.detail] : errors, request: request, context: context)
        }
    }

    @Sendable func addUnit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(OrgUnitService.builders)
        let fields = try await request.formFields()
        try context.verifySessionCSRF(fields)
        let parent = Int64(fields["parentId"] ?? "") ?? 0
        do {
            _ = try await reporting.tree.create(.init(name: fields["name"] ?? "", kind: fields["kind"] ?? "", parentId: parent), by: principal, caller: context.caller)
            return Response(status: .seeOther, headers: [.location: "/reporting/units?parent=\(parent)"])
        } catch let error as any HTTPProblemConvertible where error is ValidationFailure || error is ReportingError {
            var page = try await unitsPage(parent: parent, principal: principal, request: request)
            page.name = fields["name"] ?? ""
            let errors = renderer.text(for: request).fieldErrors(error.problem.errors, labelPrefix: "reporting_field_")
            page.errors = errors.isEmpty ? [error.problem.detail] : errors
            return renderer.render("reporting-units", titleKey: "reporting_units_title", page: page, request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func importUnits(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(OrgUnitService.builders)
        let fields = try await request.formFields(limit: OrgUnitService.maximumImportBytes)
        try context.verifySessionCSRF(fields)
        let parent = Int64(fields["parentId"] ?? "") ?? 0
        let csv = fields["csv"] ?? ""
        do {
            let created = try await reporting.tree.importUnits(csv: csv, under: parent, by: principal, caller: context.caller)
            var page = try await unitsPage(parent: parent, principal: principal, request: request)
            page.notice = renderer.text(for: request)("reporting_units_imported", ["count": String(created.count)])
            return renderer.render("reporting-units", titleKey: "reporting_units_title", page: page, request: request, context: context)
        } catch let error as any HTTPProblemConvertible where error is OrgUnitImportError || error is CSVImportError {
            var page = try await unitsPage(parent: parent, principal: principal, request: request)
            page.importErrors = [error.problem.detail] + error.problem.errors.map(\.description)
            page.importText = csv
            return renderer.render("reporting-units", titleKey: "reporting_units_title", page: page, request: request, context: context, status: .unprocessableContent)
        }
    }

    private func renderHome(principal: Principal, form: ReportingHomePage.Form?, errors: [String], request: Request, context: AppRequestContext) async throws -> Response {
        let root = try await reporting.tree.root(for: principal)
        let children = try await root.asyncMap { try await reporting.tree.units.children(of: $0.id, afterID: nil, limit: 200) } ?? []
        var page = ReportingHomePage(
            rounds: try await reporting.rounds.list(for: principal, beforeID: nil, limit: 100), root: root,
            children: principal.user.role == .reportingUnit ? [] : children, principal: principal, form: form, now: clock.now
        )
        page.errors = errors
        return renderer.render(
            "reporting", titleKey: "reporting_title", page: page, request: request, context: context, status: errors.isEmpty ? .ok : .unprocessableContent
        )
    }

    private func unitsPage(parent: Int64?, principal: Principal, request: Request) async throws -> ReportingUnitsPage {
        let unit: OrgUnitRecord
        if let parent {
            unit = try await reporting.tree.unit(parent, for: principal)
        } else {
            guard let root = try await reporting.tree.root(for: principal) else { throw ReportingError.orgUnitNotFound(orgUnitID: 0) }
            unit = root
        }
        return ReportingUnitsPage(
            unit: unit, ancestors: try await reporting.tree.ancestors(of: unit, for: principal),
            children: try await reporting.tree.units.children(of: unit.id, afterID: nil, limit: 1_000), principal: principal, text: renderer.text(for: request)
        )
    }
}
