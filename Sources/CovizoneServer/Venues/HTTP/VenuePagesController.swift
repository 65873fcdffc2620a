import CovizoneCore
import Foundation
import Hummingbird

/// `GET /venues/{id}/poster`: the printable A4 poster of an approved venue, for its owner and the
/// officers of its province; and `GET /c`, the public check-in page the poster's code opens.
struct VenuePagesController: Sendable {
    let venues: VenueService
    let renderer: PageRenderer

    /// The poster's text and its QR code as inline SVG.
    struct PosterPage: Sendable {
        var name: String
        var address: String
        var svg: String
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("venues/:id/poster") { request, context in
            let principal = try context.authorize(VenuesController.viewers)
            let venue = try await venues.venue(try context.pathID(of: "Venue"), for: principal)
            let page = PosterPage(name: venue.details.name, address: venue.details.address, svg: try await venues.qrCode(for: venue).svg())
            return renderer.render("venue-poster", titleKey: "poster_title", page: page, request: request, context: context)
        }
        group.get("c") { request, context in
            renderer.render("checkin", titleKey: "checkin_title", request: request, context: context)
        }
    }
}
