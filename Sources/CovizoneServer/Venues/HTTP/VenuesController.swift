import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird
import VenueCheckIn

/// `POST/GET /api/v1/venues`, `GET /api/v1/venues/{id}`, `POST /api/v1/venues/{id}/approve`,
/// `GET /api/v1/venues/{id}/qr.svg` and the public `GET /api/v1/venues/keys` that apps verify
/// posters with.
struct VenuesController: Sendable {
    let venues: VenueService
    static let viewers: Set<Role> = [.venueOwner, .provinceOfficer, .healthAuthority, .ministryAdmin]
    static let registrars: Set<Role> = [.venueOwner, .provinceOfficer]

    struct VenueItem: ResponseEncodable {
        var id: Int64
        var name: String
        var type: VenueType
        var provinceCode: String
        var wardCode: String
        var address: String
        var latitude: Double?
        var longitude: Double?
        var contactPhone: String
        var status: VenueStatus
        var defaultStayMinutes: Int
        /// The URL in the poster's QR code, once approved.
        var qrURL: String?
    }

    struct PassKey: Encodable, Sendable {
        var keyVersion: Int
        var publicKey: String
    }

    struct PassKeys: ResponseEncodable {
        var keys: [PassKey]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("venues", use: register)
        group.get("venues", use: list)
        group.get("venues/keys", use: keys)
        group.post("venues/import", use: importCSV)
        group.get("venues/:id", use: show)
        group.post("venues/:id/approve", use: approve)
        group.get("venues/:id/qr.svg", use: svg)
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<VenueItem> {
        let principal = try context.authorize(Self.registrars)
        let body = try await request.decodeJSON(as: VenueRegistration.self, context: context)
        return EditedResponse(status: .created, response: try await item(try await venues.register(body, by: principal)))
    }

    /// `POST /api/v1/venues/import[?dryRun=true]` with a `text/csv` body → the row-by-row report.
    @Sendable func importCSV(_ request: Request, context: AppRequestContext) async throws -> VenueImport.Report {
        let principal = try context.authorize([.provinceOfficer])
        let csv = try await request.csvBody(limit: VenueImport.maximumBytes)
        return try await venues.importVenues(csv: csv, by: principal, dryRun: request.uri.queryParameters["dryRun"] == "true", caller: context.caller)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<VenueItem> {
        let principal = try context.authorize(Self.viewers)
        let page = try PageRequest(request: request)
        var items: [VenueItem] = []
        for venue in try await venues.list(for: principal, beforeID: page.cursorID, limit: page.limit + 1) {
            items.append(try await item(venue, withURL: false))
        }
        return Page(fetched: items, limit: page.limit, id: \.id)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> VenueItem {
        let principal = try context.authorize(Self.viewers)
        return try await item(try await venues.venue(try context.pathID(of: "Venue"), for: principal))
    }

    @Sendable func approve(_ request: Request, context: AppRequestContext) async throws -> VenueItem {
        let principal = try context.authorize([.provinceOfficer])
        return try await item(try await venues.approve(try context.pathID(of: "Venue"), by: principal))
    }

    @Sendable func svg(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(Self.viewers)
        let code = try await venues.qrCode(for: try await venues.venue(try context.pathID(of: "Venue"), for: principal))
        return Response(
            status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "private, no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: code.svg()))
        )
    }

    @Sendable func keys(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<PassKeys> {
        let keys = try await venues.passKeys().compactMap { stored in
            Int(stored.keyVersion).map { PassKey(keyVersion: $0, publicKey: stored.publicKeyPEM) }
        }
        return EditedResponse(headers: [.cacheControl: "public, max-age=3600"], response: PassKeys(keys: keys))
    }

    private func item(_ venue: VenueRecord, withURL: Bool = true) async throws -> VenueItem {
        let details = venue.details
        return VenueItem(
            id: venue.id, name: details.name, type: details.type, provinceCode: details.provinceCode, wardCode: details.wardCode,
            address: details.address, latitude: details.latitude, longitude: details.longitude, contactPhone: details.contactPhone,
            status: venue.status, defaultStayMinutes: venues.stayMinutes(at: venue),
            qrURL: withURL ? try await venues.checkInURL(for: venue) : nil
        )
    }
}

extension VenueImport.Report: ResponseEncodable {}
