import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird
import VenueCheckIn

/// A venue's own pages: `GET /venues/{id}` (details, outbreak history, entry/exit history with
/// phones masked) and `GET/POST /venues/{id}/entrance`, where staff at the door check in people
/// without a smartphone by scanning their personal QR (a handheld scanner types into the focused
/// field) or typing an ID number and phone.
struct VenueDeskPageController: Sendable {
    let venues: VenueService
    let checkIns: CheckInService
    let outbreaks: OutbreakService
    let renderer: PageRenderer

    func addRoutes(to web: RouterGroup<AppRequestContext>) {
        web.get("venues/:id") { request, context in
            let principal = try context.authorize(VenuesController.viewers)
            let venue = try await venues.venue(try context.pathID(of: "Venue"), for: principal)
            let page = VenuePage(
                venue, stayMinutes: venues.stayMinutes(at: venue), role: principal.user.role, outbreaks: try await outbreaks.history(of: venue),
                visits: try await checkIns.history(of: venue, beforeID: nil, limit: 200, caller: context.caller),
                perDay: try await checkIns.perDay(at: venue, days: 7), text: renderer.text(for: request), divisions: venues.divisions
            )
            return renderer.render("venue", titleKey: "venues_title", page: page, request: request, context: context)
        }
        web.get("venues/:id/entrance") { request, context in
            let principal = try context.authorize(VenueVisitsController.staff)
            let venue = try await venues.venue(try context.pathID(of: "Venue"), for: principal)
            return renderer.render("venue-entrance", titleKey: "entrance_title", page: EntrancePage(venue), request: request, context: context)
        }
        web.post("venues/:id/entrance") { request, context in
            let principal = try context.authorize(VenueVisitsController.staff)
            let venue = try await venues.venue(try context.pathID(of: "Venue"), for: principal)
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            let form = EntrancePage.Form(
                personalQr: fields["personalQr"] ?? "", idNumber: fields["idNumber"] ?? "", name: fields["name"] ?? "", phone: fields["phone"] ?? ""
            )
            do {
                let input = try StaffCheckIn(personalQR: form.personalQr, idNumber: form.idNumber, name: form.name, phone: form.phone)
                let checkIn = try await checkIns.staffCheckIn(input, at: venue)
                return renderer.render(
                    "venue-entrance", titleKey: "entrance_title", page: EntrancePage(venue, done: checkIn), request: request, context: context, status: .created
                )
            } catch let failure as ValidationFailure {
                let errors = renderer.text(for: request).fieldErrors(failure.errors, labelPrefix: "entrance_")
                return renderer.render(
                    "venue-entrance", titleKey: "entrance_title", page: EntrancePage(venue, form: form, errors: errors), request: request, context: context,
                    status: .unprocessableContent
                )
            }
        }
    }
}
