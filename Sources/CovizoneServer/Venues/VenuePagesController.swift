import CovizoneCore
import Foundation
import Hummingbird

/// `GET /venues/{id}/poster`: the printable A4 poster of an approved venue, for its owner and the
/// officers of its province; and `GET /c`, the public check-in page the poster's code opens.
struct VenuePagesController: Sendable {
    let directory: VenueDirectory

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("venues/:id/poster") { request, context in
            let principal = try context.authorize([.venueOwner, .provinceOfficer, .healthAuthority, .ministryAdmin])
            guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("Venue") }
            let venue = try await directory.venue(id, for: principal)
            let code = try await directory.qrCode(for: venue)
            let model: [String: Any] = ["name": venue.details.name, "address": venue.details.address, "svg": code.svg()]
            return directory.environment.renderer.render("venue-poster", titleKey: "poster_title", model: model, request: request, context: context)
        }
        group.get("c") { request, context in
            directory.environment.renderer.render("checkin", titleKey: "checkin_title", request: request, context: context)
        }
    }
}
