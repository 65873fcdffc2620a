import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird
import VenueCheckIn

/// `GET /venues`: the venues an account may see, with their state and posters; `POST /venues`
/// registers one (owners and province officers, CSRF-protected form with province and ward
/// pickers, readable errors); `POST /venues/{id}/approve` lets a province officer approve a
/// pending venue; `POST /venues/import` takes a province officer's CSV and shows the row report.
struct VenuesPageController: Sendable {
    let directory: VenueDirectory

    var renderer: PageRenderer { directory.environment.renderer }
    var divisions: AdministrativeDivisions { directory.environment.divisions }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("venues") { request, context in
            let principal = try context.authorize([.venueOwner, .provinceOfficer, .healthAuthority, .ministryAdmin])
            return try await page(request: request, context: context, principal: principal, extra: [:], status: .ok)
        }
        group.post("venues") { request, context in
            let principal = try context.authorize([.venueOwner, .provinceOfficer])
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            let registration = VenueRegistration(
                name: fields["name"] ?? "", type: fields["type"] ?? "", provinceCode: fields["provinceCode"] ?? "", wardCode: fields["wardCode"] ?? "",
                address: fields["address"] ?? "", latitude: fields["latitude"].flatMap(Double.init), longitude: fields["longitude"].flatMap(Double.init),
                contactPhone: fields["contactPhone"] ?? ""
            )
            do {
                let venue = try await directory.register(registration, by: principal)
                return Response(status: .seeOther, headers: [.location: "/venues/\(venue.id)"])
            } catch let failure as ValidationFailure {
                let errors = failure.errors.map { "\(renderer.localizer.string("venue_field_\($0.field)", PageRenderer.language(of: request))): \($0.message)" }
                return try await page(request: request, context: context, principal: principal, extra: ["errors": errors, "form": fields], status: .unprocessableContent)
            }
        }
        group.post("venues/import") { request, context in
            let principal = try context.authorize([.provinceOfficer])
            let fields = try await request.formFields(limit: VenueImport.maximumBytes)
            try context.verifySessionCSRF(fields)
            let dryRun = fields["dryRun"] == "on"
            do {
                let report = try await VenueImport(directory: directory).run(csv: fields["csv"] ?? "", by: principal, dryRun: dryRun, context: context)
                let language = PageRenderer.language(of: request)
                let summary = renderer.localizer.string("venues_import_result", language)
                    .replacingOccurrences(of: "{imported}", with: String(report.imported)).replacingOccurrences(of: "{rejected}", with: String(report.rejected))
                let rows = report.errors.map { ["line": $0.line, "field": $0.field ?? "", "message": $0.message] as [String: Any] }
                let extra: [String: Any] = [
                    "importReport": ["summary": summary, "rows": rows, "hasRows": !rows.isEmpty], "importText": dryRun || !rows.isEmpty ? fields["csv"] ?? "" : "",
                ]
                return try await page(request: request, context: context, principal: principal, extra: extra, status: .ok)
            } catch let error as APIError where error.status == .unprocessableContent || error.status == .contentTooLarge {
                let problems = [error.detail] + error.errors.map(\.description)
                let extra: [String: Any] = ["importErrors": problems, "importText": fields["csv"] ?? ""]
                return try await page(request: request, context: context, principal: principal, extra: extra, status: .unprocessableContent)
            }
        }
        group.post("venues/:id/approve") { request, context in
            let principal = try context.authorize([.provinceOfficer])
            try context.verifySessionCSRF(try await request.formFields())
            guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("Venue") }
            _ = try await directory.approve(id, by: principal)
            return Response(status: .seeOther, headers: [.location: "/venues"])
        }
    }

    private func page(
        request: Request, context: AppRequestContext, principal: Principal, extra: [String: Any], status: HTTPResponse.Status
    ) async throws -> Response {
        let language = PageRenderer.language(of: request)
        let role = principal.user.role
        let venues: [[String: Any]] = try await directory.list(for: principal, beforeID: nil, limit: 100).map { venue in
            [
                "id": venue.id, "name": venue.details.name, "address": venue.details.address,
                "type": renderer.localizer.string("venue_type_\(venue.details.type)", language),
                "state": renderer.localizer.string("venue_state_\(venue.status.rawValue)", language),
                "approved": venue.status == .approved, "canApprove": role == .provinceOfficer && venue.status == .pending,
            ]
        }
        var form = extra["form"] as? [String: String] ?? ["provinceCode": principal.user.provinceCode ?? ""]
        let provinceCode = AdministrativeDivisions.canonicalCode(form["provinceCode"] ?? "", digits: 2) ?? divisions.provinces.first?.code ?? ""
        form["provinceCode"] = provinceCode
        var model = extra
        model["form"] = form
        model["venues"] = venues
        model["hasVenues"] = !venues.isEmpty
        model["canRegister"] = [.venueOwner, .provinceOfficer].contains(role)
        model["canImport"] = role == .provinceOfficer
        model["isHealth"] = [.healthAuthority, .ministryAdmin].contains(role)
        model["types"] = VenueType.allCases.map {
            ["code": $0.rawValue, "label": renderer.localizer.string("venue_type_\($0.rawValue)", language), "selected": form["type"] == $0.rawValue]
        }
        let provinces = divisions.provinces.filter { principal.scope.covers(provinceCode: $0.code) }
        model["provinces"] = provinces.map { ["code": $0.code, "name": $0.name, "selected": $0.code == provinceCode] }
        model["wards"] = (divisions.wards(inProvince: provinceCode) ?? []).map {
            ["code": $0.code, "name": $0.name, "selected": $0.code == form["wardCode"]]
        }
        return renderer.render("venues", titleKey: "venues_title", model: model, request: request, context: context, status: status)
    }
}
