import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// Check-ins for phones and the web check-in page (no account needed):
/// `POST /api/v1/checkins/preview` `{qr}` → the venue; `POST /api/v1/checkins`
/// `{qr, phone?, deviceId?, time?, checkoutToken?}` → `{visitId, venue, checkedInAt, expectedCheckOutAt,
/// checkoutToken, outbreakWarnings}` (201, or 200 when a re-scan by the same app, or with the
/// secret of the earlier check-in, extends its visit);
/// `POST /api/v1/checkins/{visitId}/checkout` `{token}`. Officers read the counts at
/// `GET /api/v1/checkins/statistics[?hours=N]` (no personal data).
struct CheckInsController: Sendable {
    let checkIns: CheckInService

    struct CheckInBody: Decodable {
        var qr: String
        var phone: String?
        var deviceId: String?
        var time: String?
        /// The secret of this phone's earlier check-in, when it scans the same poster again.
        var checkoutToken: String?
    }

    struct VenuePreview: ResponseEncodable, Decodable {
        var venue: CheckInJSON.VenueSummary
    }

    struct CheckedOut: ResponseEncodable, Decodable {
        var visitId: Int64
        var checkedOutAt: Date
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("checkins/preview") { request, context -> EditedResponse<VenuePreview> in
            struct Body: Decodable { var qr: String }
            let venue = try await checkIns.venue(forPass: try await request.decodeJSON(as: Body.self, context: context).qr)
            return EditedResponse(response: VenuePreview(venue: .init(venue)))
        }
        group.post("checkins") { request, context -> EditedResponse<CheckInJSON.Recorded> in
            let body = try await request.decodeJSON(as: CheckInBody.self, context: context)
            let checkIn = try await checkIns.checkIn(qr: body.qr, phone: body.phone, deviceID: body.deviceId, time: body.time, checkoutToken: body.checkoutToken)
            return CheckInJSON.answer(checkIn)
        }
        group.post("checkins/:visitId/checkout") { request, context -> CheckedOut in
            struct Body: Decodable { var token: String }
            let body = try await request.decodeJSON(as: Body.self, context: context)
            guard let id = context.parameters.get("visitId", as: Int64.self) else { throw CheckInError.unknownVisit }
            let visit = try await checkIns.checkOut(visitID: id, token: body.token)
            return CheckedOut(visitId: visit.id, checkedOutAt: visit.checkedOutAt ?? visit.expectedCheckOutAt)
        }
        group.get("checkins/statistics") { request, context -> CheckInStatistics in
            let principal = try context.authorize(CheckInStatistics.readers)
            let hours = try request.queryInteger("hours", in: CheckInStatistics.hourRange, default: CheckInStatistics.defaultHours)
            let (since, counts) = try await checkIns.counts(hours: hours, for: principal)
            return CheckInStatistics(since: since, hours: hours, counts: counts)
        }
    }
}
