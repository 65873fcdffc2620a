import CovizoneStore
import Foundation
import Hummingbird
import VenueCheckIn

/// The JSON shapes of check-ins, shared by the visitor's and the staff's API.
enum CheckInJSON {
    struct VenueSummary: Codable, Sendable {
        var id: Int64
        var name: String
        var type: VenueType
        var address: String

        init(_ venue: VenueRecord) {
            self.init(id: venue.id, name: venue.details.name, type: venue.details.type, address: venue.details.address)
        }

        init(id: Int64, name: String, type: VenueType, address: String) {
            self.id = id
            self.name = name
            self.type = type
            self.address = address
        }
    }

    struct Recorded: ResponseEncodable, Decodable {
        var visitId: Int64
        var venue: VenueSummary
        var checkedInAt: Date
        var expectedCheckOutAt: Date
        /// Send it back to check out, or with a re-scan; only this phone has it.
        var checkoutToken: String
        /// Warnings of outbreaks already declared at the venue whose window this visit falls in.
        var outbreakWarnings: [String]

        init(_ checkIn: CheckIn) {
            visitId = checkIn.visit.id
            venue = VenueSummary(checkIn.venue)
            checkedInAt = checkIn.visit.checkedInAt
            expectedCheckOutAt = checkIn.visit.expectedCheckOutAt
            checkoutToken = checkIn.checkoutToken
            outbreakWarnings = checkIn.outbreakWarnings
        }
    }

    /// 201 for a new visit, 200 when a re-scan extended an open one.
    static func answer(_ checkIn: CheckIn) -> EditedResponse<Recorded> {
        EditedResponse(status: checkIn.isNew ? .created : .ok, headers: [.cacheControl: "no-store"], response: Recorded(checkIn))
    }
}
