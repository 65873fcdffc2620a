import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird
import VenueCheckIn

/// A venue's own pages: `GET /venues/{id}` (details, outbreak history, entry/exit history with
/// phones masked) and `GET/POST /venues/{id}/entrance`, where staff at the door check in people
/// without a smartphone by scanning their personal QR (a handheld scanner types into the focused
/// field) or typing an ID number and phone.
struct VenueDeskPageController: Sendable {
    let desk: VenueVisitsController

    var renderer: PageRenderer { desk.service.environment.renderer }

    func addRoutes(to web: RouterGroup<AppRequestContext>) {
        web.get("venues/:id") { request, context in
            let principal = try context.authorize(VenueVisitsController.viewers)
            let venue = try await desk.directory.venue(try VenueVisitsController.id(context), for: principal)
            let language = PageRenderer.language(of: request)
            let visits: [[String: Any]] = try await desk.history(of: venue, beforeID: nil, limit: 200, context: context).map { visit in
                let item = VenueVisitsController.item(visit)
                return [
                    "checkedInAt": OutbreakPagesController.time(visit.checkedInAt), "endedAt": OutbreakPagesController.time(visit.endedAt),
                    "checkedOut": visit.checkedOutAt != nil, "who": item.phone ?? item.idNumber ?? "–",
                    "method": renderer.localizer.string("entry_\(visit.entryMethod)", language),
                ]
            }
            let outbreaks = try await desk.outbreaks(at: venue).map {
                OutbreakPagesController.summary($0, venueName: venue.details.name, localizer: renderer.localizer, language: language)
            }
            let type = VenueType(rawValue: venue.details.type) ?? .other
            let model: [String: Any] = [
                "venue": [
                    "id": venue.id, "name": venue.details.name, "address": venue.details.address,
                    "type": renderer.localizer.string("venue_type_\(venue.details.type)", language),
                    "ward": desk.service.environment.divisions.ward(code: venue.details.wardCode)?.name ?? venue.details.wardCode,
                    "state": renderer.localizer.string("venue_state_\(venue.status.rawValue)", language),
                    "stay": desk.service.environment.configuration.stayMinutes(at: type), "approved": venue.status == .approved,
                ],
                "isStaff": VenueVisitsController.staff.contains(principal.user.role), "canDeclare": principal.user.role == .healthAuthority,
                "outbreaks": outbreaks, "hasOutbreaks": !outbreaks.isEmpty, "visits": visits, "hasVisits": !visits.isEmpty,
            ]
            return renderer.render("venue", titleKey: "venues_title", model: model, request: request, context: context)
        }
        web.get("venues/:id/entrance") { request, context in
            let principal = try context.authorize(VenueVisitsController.staff)
            let venue = try await desk.directory.venue(try VenueVisitsController.id(context), for: principal)
            return entrancePage(venue, request: request, context: context, extra: [:], status: .ok)
        }
        web.post("venues/:id/entrance") { request, context in
            let principal = try context.authorize(VenueVisitsController.staff)
            let venue = try await desk.directory.venue(try VenueVisitsController.id(context), for: principal)
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            let body = VenueVisitsController.StaffCheckIn(
                personalQr: fields["personalQr"], idNumber: fields["idNumber"], name: fields["name"], phone: fields["phone"]
            )
            do {
                let checkIn = try await desk.staffCheckIn(body, at: venue)
                let done = [
                    "time": OutbreakPagesController.time(checkIn.visit.checkedInAt),
                    "who": checkIn.visit.personName ?? checkIn.visit.phone.map(OutbreakPagesController.masked) ?? "",
                ]
                return entrancePage(venue, request: request, context: context, extra: ["done": done], status: .created)
            } catch let failure as ValidationFailure {
                let language = PageRenderer.language(of: request)
                let errors = failure.errors.map { "\(renderer.localizer.string("entrance_\($0.field)", language)): \($0.message)" }
                return entrancePage(venue, request: request, context: context, extra: ["errors": errors, "form": fields], status: .unprocessableContent)
            }
        }
    }

    private func entrancePage(
        _ venue: VenueRecord, request: Request, context: AppRequestContext, extra: [String: Any], status: HTTPResponse.Status
    ) -> Response {
        var model = extra
        model["venue"] = ["id": venue.id, "name": venue.details.name]
        if model["form"] == nil { model["form"] = [String: String]() }
        return renderer.render("venue-entrance", titleKey: "entrance_title", model: model, request: request, context: context, status: status)
    }
}
