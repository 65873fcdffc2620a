import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// Check-ins for phones and the web check-in page (no account needed):
/// `POST /api/v1/checkins/preview` `{qr}` → the venue; `POST /api/v1/checkins`
/// `{qr, phone?, deviceId?, time?, checkoutToken?}` → `{visitId, venue, checkedInAt, expectedCheckOutAt,
/// checkoutToken, outbreakWarnings}` (201, or 200 when a re-scan by the same app, or with the
/// secret of the earlier check-in, extends its visit);
/// `POST /api/v1/checkins/{visitId}/checkout` `{token}`.
struct CheckInsController: Sendable {
    let service: CheckInService

    struct VenueSummary: Encodable, Sendable {
        var id: Int64
        var name: String
        var type: String
        var address: String
    }

    struct CheckInRequest: Decodable {
        var qr: String
        var phone: String?
        var deviceId: String?
        var time: String?
        /// The secret of this phone's earlier check-in, when it scans the same poster again.
        var checkoutToken: String?
    }

    struct CheckInResponse: ResponseEncodable {
        var visitId: Int64
        var venue: VenueSummary
        var checkedInAt: String
        var expectedCheckOutAt: String
        /// Send it back to check out, or with a re-scan; only this phone has it.
        var checkoutToken: String
        /// Warnings of outbreaks already declared at the venue whose window this visit falls in.
        var outbreakWarnings: [String]
    }

    struct CheckOutResponse: ResponseEncodable {
        var visitId: Int64
        var checkedOutAt: String
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("checkins/preview") { request, context -> EditedResponse<VenuePreview> in
            struct Body: Decodable { var qr: String }
            let venue = try await service.venue(forPass: try await request.decodeJSON(as: Body.self, context: context).qr)
            return EditedResponse(response: VenuePreview(venue: Self.summary(venue)))
        }
        group.post("checkins") { request, context -> EditedResponse<CheckInResponse> in
            let body = try await request.decodeJSON(as: CheckInRequest.self, context: context)
            let checkIn = try await service.checkIn(qr: body.qr, phone: body.phone, deviceID: body.deviceId, time: body.time, checkoutToken: body.checkoutToken)
            return EditedResponse(status: checkIn.isNew ? .created : .ok, headers: [.cacheControl: "no-store"], response: Self.response(checkIn))
        }
        group.post("checkins/:visitId/checkout") { request, context -> CheckOutResponse in
            struct Body: Decodable { var token: String }
            let body = try await request.decodeJSON(as: Body.self, context: context)
            guard let id = context.parameters.get("visitId", as: Int64.self),
                let visit = try await service.visits.checkOut(id: id, tokenHash: SecretToken(value: body.token).hash, at: service.environment.clock.now),
                let checkedOutAt = visit.checkedOutAt
            else { throw APIError(.notFound, "No open visit with this id and token.", code: "unknown_visit") }
            return CheckOutResponse(visitId: visit.id, checkedOutAt: checkedOutAt.formatted(.iso8601))
        }
    }

    struct VenuePreview: ResponseEncodable {
        var venue: VenueSummary
    }

    static func response(_ checkIn: CheckIn) -> CheckInResponse {
        CheckInResponse(
            visitId: checkIn.visit.id, venue: summary(checkIn.venue), checkedInAt: checkIn.visit.checkedInAt.formatted(.iso8601),
            expectedCheckOutAt: checkIn.visit.expectedCheckOutAt.formatted(.iso8601), checkoutToken: checkIn.checkoutToken,
            outbreakWarnings: checkIn.outbreakWarnings
        )
    }

    static func summary(_ venue: VenueRecord) -> VenueSummary {
        VenueSummary(id: venue.id, name: venue.details.name, type: venue.details.type, address: venue.details.address)
    }
}
