import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird
import VenueCheckIn

/// `GET /venues`: the venues an account may see, with their state and posters; `POST /venues`
/// registers one (owners and province officers, CSRF-protected form, readable errors);
/// `POST /venues/{id}/approve` lets a province officer approve a pending venue.
struct VenuesPageController: Sendable {
    let directory: VenueDirectory

    var renderer: PageRenderer { directory.environment.renderer }

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
                _ = try await directory.register(registration, by: principal)
                return Response(status: .seeOther, headers: [.location: "/venues"])
            } catch let failure as ValidationFailure {
                let errors = failure.errors.map { "\(renderer.localizer.string("venue_field_\($0.field)", PageRenderer.language(of: request))): \($0.message)" }
                return try await page(request: request, context: context, principal: principal, extra: ["errors": errors, "form": fields], status: .unprocessableContent)
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
        let isOfficer = principal.user.role == .provinceOfficer
        let venues: [[String: Any]] = try await directory.list(for: principal, beforeID: nil, limit: 100).map { venue in
            [
                "id": venue.id, "name": venue.details.name, "address": venue.details.address,
                "type": renderer.localizer.string("venue_type_\(venue.details.type)", language),
                "state": renderer.localizer.string("venue_state_\(venue.status.rawValue)", language),
                "approved": venue.status == .approved, "canApprove": isOfficer && venue.status == .pending,
            ]
        }
        var model = extra
        model["venues"] = venues
        model["hasVenues"] = !venues.isEmpty
        model["canRegister"] = [.venueOwner, .provinceOfficer].contains(principal.user.role)
        model["types"] = VenueType.allCases.map { ["code": $0.rawValue, "label": renderer.localizer.string("venue_type_\($0.rawValue)", language)] }
        if extra["form"] == nil { model["form"] = ["provinceCode": principal.user.provinceCode ?? ""] }
        return renderer.render("venues", titleKey: "venues_title", model: model, request: request, context: context, status: status)
    }
}
