import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird

/// `GET /venues`: the venues an account may see, with their state and posters; `POST /venues`
/// registers one (owners and province officers, CSRF-protected form with province and ward
/// pickers, readable errors); `POST /venues/{id}/approve` lets a province officer approve a
/// pending venue; `POST /venues/import` takes a province officer's CSV and shows the row report.
struct VenuesPageController: Sendable {
    let venues: VenueService
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("venues") { request, context in
            let principal = try context.authorize(VenuesController.viewers)
            return try await render(try await page(request: request, principal: principal, form: nil), request: request, context: context)
        }
        group.post("venues") { request, context in
            let principal = try context.authorize(VenuesController.registrars)
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            let registration = VenueRegistration(
                name: fields["name"] ?? "", type: fields["type"] ?? "", provinceCode: fields["provinceCode"] ?? "", wardCode: fields["wardCode"] ?? "",
                address: fields["address"] ?? "", latitude: fields["latitude"].flatMap(Double.init), longitude: fields["longitude"].flatMap(Double.init),
                contactPhone: fields["contactPhone"] ?? ""
            )
            do {
                let venue = try await venues.register(registration, by: principal)
                return Response(status: .seeOther, headers: [.location: "/venues/\(venue.id)"])
            } catch let failure as ValidationFailure {
                let form = VenuesPage.Form(
                    name: registration.name, type: registration.type, provinceCode: registration.provinceCode, wardCode: registration.wardCode,
                    address: registration.address, contactPhone: registration.contactPhone
                )
                var page = try await page(request: request, principal: principal, form: form)
                page.errors = renderer.text(for: request).fieldErrors(failure.errors, labelPrefix: "venue_field_")
                return try await render(page, request: request, context: context, status: .unprocessableContent)
            }
        }
        group.post("venues/import") { request, context in
            let principal = try context.authorize([.provinceOfficer])
            let fields = try await request.formFields(limit: VenueImport.maximumBytes)
            try context.verifySessionCSRF(fields)
            let dryRun = fields["dryRun"] == "on"
            let csv = fields["csv"] ?? ""
            do {
                let report = try await venues.importVenues(csv: csv, by: principal, dryRun: dryRun, caller: context.caller)
                let summary = renderer.text(for: request)("venues_import_result")
                    .replacingOccurrences(of: "{imported}", with: String(report.imported)).replacingOccurrences(of: "{rejected}", with: String(report.rejected))
                var page = try await page(request: request, principal: principal, form: nil)
                page.importReport = ImportReportPage(summary: summary, rows: report.errors)
                page.importText = dryRun || !report.errors.isEmpty ? csv : ""
                return try await render(page, request: request, context: context)
            } catch let error as CSVImportError {
                var page = try await page(request: request, principal: principal, form: nil)
                page.importErrors = [error.problem.detail] + error.problem.errors.map(\.description)
                page.importText = csv
                return try await render(page, request: request, context: context, status: .unprocessableContent)
            }
        }
        group.post("venues/:id/approve") { request, context in
            let principal = try context.authorize([.provinceOfficer])
            try context.verifySessionCSRF(try await request.formFields())
            _ = try await venues.approve(try context.pathID(of: "Venue"), by: principal)
            return Response(status: .seeOther, headers: [.location: "/venues"])
        }
    }

    private func page(request: Request, principal: Principal, form: VenuesPage.Form?) async throws -> VenuesPage {
        VenuesPage(
            venues: try await venues.list(for: principal, beforeID: nil, limit: 100), principal: principal, form: form, text: renderer.text(for: request),
            divisions: venues.divisions
        )
    }

    private func render(_ page: VenuesPage, request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        renderer.render("venues", titleKey: "venues_title", page: page, request: request, context: context, status: status)
    }
}
