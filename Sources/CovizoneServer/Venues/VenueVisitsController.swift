import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// A venue's own check-in desk. `GET /api/v1/venues/{id}/visits` is the entry/exit history
/// (phones and ID numbers masked; full details only through an outbreak's tracer view), audited;
/// `POST /api/v1/venues/{id}/checkins` `{personalQr?, idNumber?, name?, phone?}` is a
/// staff-assisted check-in for someone without a smartphone; `GET /api/v1/venues/{id}/outbreaks`
/// is the venue's outbreak history.
struct VenueVisitsController: Sendable {
    let service: CheckInService
    static let staff: Set<Role> = [.venueOwner, .provinceOfficer]
    static let viewers: Set<Role> = [.venueOwner, .provinceOfficer, .healthAuthority, .ministryAdmin]

    struct VisitItem: Encodable, Sendable {
        var id: Int64
        var checkedInAt: String
        var checkedOutAt: String?
        var expectedCheckOutAt: String
        var phone: String?
        var idNumber: String?
        var entryMethod: String
    }

    struct StaffCheckIn: Decodable {
        var personalQr: String?
        var idNumber: String?
        var name: String?
        var phone: String?
    }

    struct OutbreakEntry: Encodable, Sendable {
        var id: Int64
        var from: String
        var to: String
        var severity: String
        var message: String
        var exposedVisits: Int
    }

    var directory: VenueDirectory { service.directory }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("venues/:id/visits") { request, context -> Page<VisitItem> in
            let principal = try context.authorize(Self.viewers)
            let venue = try await directory.venue(try Self.id(context), for: principal)
            let page = try PageRequest(request: request)
            let visits = try await history(of: venue, beforeID: page.cursorID, limit: page.limit + 1, context: context)
            return Page(fetched: visits.map(Self.item), limit: page.limit, id: \.id)
        }
        api.post("venues/:id/checkins") { request, context -> EditedResponse<CheckInsController.CheckInResponse> in
            let principal = try context.authorize(Self.staff)
            let venue = try await directory.venue(try Self.id(context), for: principal)
            let body = try await request.decodeJSON(as: StaffCheckIn.self, context: context)
            let checkIn = try await staffCheckIn(body, at: venue)
            return EditedResponse(status: checkIn.isNew ? .created : .ok, response: CheckInsController.response(checkIn))
        }
        api.get("venues/:id/outbreaks") { _, context -> [OutbreakEntry] in
            let principal = try context.authorize(Self.viewers)
            let venue = try await directory.venue(try Self.id(context), for: principal)
            return try await outbreaks(at: venue).map {
                OutbreakEntry(
                    id: $0.id, from: $0.from.formatted(.iso8601), to: $0.to.formatted(.iso8601), severity: $0.severity, message: $0.message,
                    exposedVisits: $0.exposedVisits
                )
            }
        }
    }

    /// A staff check-in of an approved venue.
    func staffCheckIn(_ body: StaffCheckIn, at venue: VenueRecord) async throws -> CheckIn {
        guard venue.status == .approved else { throw APIError(.conflict, "Venue \(venue.id) waits for approval by a province officer.") }
        return try await service.staffCheckIn(venue: venue, personalQR: body.personalQr, idNumber: body.idNumber, name: body.name, phone: body.phone)
    }

    /// The venue's visits, newest first, with the read audited.
    func history(of venue: VenueRecord, beforeID: Int64?, limit: Int, context: AppRequestContext) async throws -> [VisitRecord] {
        let visits = try await service.visits.history(venueID: venue.id, beforeID: beforeID, limit: limit)
        try await service.environment.auditRecorder.record(
            "venues.visits.read", subject: "venues/\(venue.id)", provinceCode: venue.details.provinceCode, detail: "\(visits.count) visits (masked)",
            context: context
        )
        return visits
    }

    func outbreaks(at venue: VenueRecord) async throws -> [OutbreakRecord] {
        try await OutbreakRepository(database: service.environment.database).list(venueID: venue.id, limit: 100)
    }

    static func item(_ visit: VisitRecord) -> VisitItem {
        VisitItem(
            id: visit.id, checkedInAt: visit.checkedInAt.formatted(.iso8601), checkedOutAt: visit.checkedOutAt?.formatted(.iso8601),
            expectedCheckOutAt: visit.expectedCheckOutAt.formatted(.iso8601), phone: visit.phone.map(OutbreakPagesController.masked),
            idNumber: visit.idNumber.map(maskedIDNumber), entryMethod: visit.entryMethod
        )
    }

    /// All but the last three characters hidden.
    static func maskedIDNumber(_ number: String) -> String {
        String(repeating: "*", count: max(0, number.count - 3)) + String(number.suffix(3))
    }

    static func id(_ context: AppRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("Venue") }
        return id
    }
}
