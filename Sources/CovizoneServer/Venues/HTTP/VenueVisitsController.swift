import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird
import VenueCheckIn

/// A venue's own check-in desk. `GET /api/v1/venues/{id}/visits` is the entry/exit history
/// (phones and ID numbers masked; full details only through an outbreak's tracer view), audited;
/// `POST /api/v1/venues/{id}/checkins` `{personalQr?, idNumber?, name?, phone?}` is a
/// staff-assisted check-in for someone without a smartphone; `GET /api/v1/venues/{id}/outbreaks`
/// is the venue's outbreak history.
struct VenueVisitsController: Sendable {
    let venues: VenueService
    let checkIns: CheckInService
    let outbreaks: OutbreakService
    static let staff: Set<Role> = [.venueOwner, .provinceOfficer]

    struct VisitItem: Encodable, Sendable {
        var id: Int64
        var checkedInAt: Date
        var checkedOutAt: Date?
        var expectedCheckOutAt: Date
        var phone: String?
        var idNumber: String?
        var entryMethod: EntryMethod

        /// A visit with its phone and ID number masked.
        init(masking visit: VisitRecord) {
            id = visit.id
            checkedInAt = visit.checkedInAt
            checkedOutAt = visit.checkedOutAt
            expectedCheckOutAt = visit.expectedCheckOutAt
            phone = visit.phone.map(Masked.phone)
            idNumber = visit.idNumber.map(Masked.idNumber)
            entryMethod = visit.entryMethod
        }
    }

    struct StaffCheckInBody: Decodable {
        var personalQr: String?
        var idNumber: String?
        var name: String?
        var phone: String?
    }

    struct OutbreakEntry: Encodable, Sendable {
        var id: Int64
        var from: Date
        var to: Date
        var severity: OutbreakSeverity
        var message: String
        var exposedVisits: Int
    }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("venues/:id/visits") { request, context -> Page<VisitItem> in
            let principal = try context.authorize(VenuesController.viewers)
            let venue = try await venues.venue(try context.pathID(of: "Venue"), for: principal)
            let page = try PageRequest(request: request)
            let visits = try await checkIns.history(of: venue, beforeID: page.cursorID, limit: page.limit + 1, caller: context.caller)
            return Page(fetched: visits.map(VisitItem.init(masking:)), limit: page.limit, id: \.id)
        }
        api.post("venues/:id/checkins") { request, context -> EditedResponse<CheckInJSON.Recorded> in
            let principal = try context.authorize(Self.staff)
            let venue = try await venues.venue(try context.pathID(of: "Venue"), for: principal)
            let body = try await request.decodeJSON(as: StaffCheckInBody.self, context: context)
            let input = try StaffCheckIn(personalQR: body.personalQr, idNumber: body.idNumber, name: body.name, phone: body.phone)
            return CheckInJSON.answer(try await checkIns.staffCheckIn(input, at: venue))
        }
        api.get("venues/:id/outbreaks") { _, context -> [OutbreakEntry] in
            let principal = try context.authorize(VenuesController.viewers)
            let venue = try await venues.venue(try context.pathID(of: "Venue"), for: principal)
            return try await outbreaks.history(of: venue).map {
                OutbreakEntry(id: $0.id, from: $0.from, to: $0.to, severity: $0.severity, message: $0.message, exposedVisits: $0.exposedVisits)
            }
        }
    }
}
