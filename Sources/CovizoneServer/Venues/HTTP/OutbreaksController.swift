import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird
import VenueCheckIn

/// The outbreak API. Health authorities: `POST /api/v1/outbreaks` `{venueId, from, to, message,
/// severity}` → `{id, exposedVisits}`; `GET /api/v1/outbreaks`, `GET /api/v1/outbreaks/{id}`,
/// the tracer's `GET /api/v1/outbreaks/{id}/visitors[?format=csv]` (audited), and
/// `GET /api/v1/outbreaks/zoning[?days=N]`. Phones: the signed `GET /api/v1/outbreaks/notices`.
struct OutbreaksController: Sendable {
    let outbreaks: OutbreakService
    static let readers: Set<Role> = [.healthAuthority, .ministryAdmin]
    /// The zoning view's `?days=N`.
    static let dayRange = 1...60

    struct Declaration: Decodable {
        var venueId: Int64
        var from: String
        var to: String
        var message: String
        var severity: String
    }

    struct Declared: ResponseEncodable, Decodable {
        var id: Int64
        var exposedVisits: Int
    }

    struct OutbreakItem: ResponseEncodable {
        var id: Int64
        var venueId: Int64
        var provinceCode: String
        var from: Date
        var to: Date
        var bufferMinutes: Int
        var message: String
        var severity: OutbreakSeverity
        var exposedVisits: Int
        var declaredAt: Date

        init(_ outbreak: OutbreakRecord) {
            id = outbreak.id
            venueId = outbreak.venueID
            provinceCode = outbreak.provinceCode
            from = outbreak.from
            to = outbreak.to
            bufferMinutes = Int(outbreak.buffer / 60)
            message = outbreak.message
            severity = outbreak.severity
            exposedVisits = outbreak.exposedVisits
            declaredAt = outbreak.declaredAt
        }
    }

    struct Visitors: ResponseEncodable {
        var outbreak: OutbreakItem
        var visitors: [TracedVisitor]
    }

    struct Zone: Encodable, Sendable {
        struct VenueRef: Encodable, Sendable {
            var id: Int64
            var name: String
        }
        var wardCode: String
        var wardName: String
        var outbreaks: Int
        var exposedVisits: Int
        var exposedVisitors: Int
        var venues: [VenueRef]

        init(_ zone: OutbreakService.WardZone) {
            wardCode = zone.wardCode
            wardName = zone.wardName
            outbreaks = zone.outbreaks
            exposedVisits = zone.exposedVisits
            exposedVisitors = zone.exposedVisitors
            venues = zone.venues.map { VenueRef(id: $0.id, name: $0.details.name) }
        }
    }

    struct Zoning: ResponseEncodable {
        var days: Int
        var wards: [Zone]
    }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.post("outbreaks") { request, context -> EditedResponse<Declared> in
            let principal = try context.authorize([.healthAuthority])
            let body = try await request.decodeJSON(as: Declaration.self, context: context)
            let outbreak = try await outbreaks.declare(
                venueID: body.venueId, from: body.from, to: body.to, message: body.message, severity: body.severity, by: principal, caller: context.caller
            )
            return EditedResponse(status: .created, response: Declared(id: outbreak.id, exposedVisits: outbreak.exposedVisits))
        }
        api.get("outbreaks") { request, context -> [OutbreakItem] in
            let principal = try context.authorize(Self.readers)
            let venueID = request.uri.queryParameters["venueId"].flatMap { Int64(String($0)) }
            return try await outbreaks.list(venueID: venueID, for: principal, limit: 200).map(OutbreakItem.init)
        }
        api.get("outbreaks/notices") { _, _ -> EditedResponse<SignedNoticeList> in
            EditedResponse(headers: [.cacheControl: "public, max-age=300"], response: try await outbreaks.notices())
        }
        api.get("outbreaks/zoning") { request, context -> Zoning in
            let principal = try context.authorize(Self.readers)
            let days = try request.queryInteger("days", in: Self.dayRange, default: OutbreakService.recentDays)
            return Zoning(days: days, wards: try await outbreaks.zoning(for: principal, days: days).map(Zone.init))
        }
        api.get("outbreaks/:id") { _, context -> OutbreakItem in
            let principal = try context.authorize(Self.readers)
            return OutbreakItem(try await outbreaks.outbreak(try context.pathID(of: "Outbreak"), for: principal))
        }
        api.get("outbreaks/:id/visitors") { request, context -> Response in
            let principal = try context.authorize(Self.readers)
            let outbreak = try await outbreaks.outbreak(try context.pathID(of: "Outbreak"), for: principal)
            let visitors = try await outbreaks.tracedVisits(outbreak, caller: context.caller).map(TracedVisitor.init)
            if request.uri.queryParameters["format"] == "csv" { return TracedVisitor.csvResponse(visitors, outbreakID: outbreak.id) }
            return try Visitors(outbreak: OutbreakItem(outbreak), visitors: visitors).response(from: request, context: context)
        }
    }
}

extension SignedNoticeList: ResponseEncodable {}
