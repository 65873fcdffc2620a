import CovizoneCore
import CovizoneStore
import Foundation
import QRCode
import VenueCheckIn

/// Venue rules shared by the API and the pages: who may register, see and approve a venue, and
/// the signed pass and QR code of an approved one.
struct VenueDirectory: Sendable {
    let environment: AppEnvironment
    /// How long a printed poster stays valid.
    static let passLifetime: TimeInterval = 365 * 86_400

    var venues: VenueRepository { VenueRepository(database: environment.database) }
    var keyring: VenueKeyring { VenueKeyring(keys: SigningKeyRepository(database: environment.database), clock: environment.clock) }

    /// Registers a venue: an owner's waits for approval, a province officer's is approved at once.
    func register(_ registration: VenueRegistration, by principal: Principal) async throws -> VenueRecord {
        let details = try registration.details(divisions: environment.divisions)
        guard principal.scope.covers(provinceCode: details.provinceCode) else {
            throw APIError.forbidden("This account may only register venues in province \(principal.scope.provinceCode ?? "-").")
        }
        let isOfficer = principal.user.role == .provinceOfficer
        return try await venues.create(
            details, ownerID: isOfficer ? nil : principal.user.id, approvedBy: isOfficer ? principal.user.id : nil, at: environment.clock.now
        )
    }

    /// The venue with `id` if `principal` may see it: its owner, or an officer whose province covers it.
    func venue(_ id: Int64, for principal: Principal) async throws -> VenueRecord {
        guard let venue = try await venues.find(id: id), Self.canSee(venue, principal) else { throw APIError.notFound("Venue \(id)") }
        return venue
    }

    /// Venues `principal` may see, newest first.
    func list(for principal: Principal, beforeID: Int64?, limit: Int) async throws -> [VenueRecord] {
        if principal.user.role == .venueOwner {
            return try await venues.list(ownerID: principal.user.id, provinceCode: nil, beforeID: beforeID, limit: limit)
        }
        return try await venues.list(ownerID: nil, provinceCode: principal.scope.provinceCode, beforeID: beforeID, limit: limit)
    }

    /// Approves a pending venue of the officer's province.
    func approve(_ id: Int64, by principal: Principal) async throws -> VenueRecord {
        let venue = try await venue(id, for: principal)
        guard let approved = try await venues.approve(id: venue.id, by: principal.user.id, at: environment.clock.now) else {
            throw APIError(.conflict, "Venue \(id) is already approved.")
        }
        return approved
    }

    /// The check-in URL of an approved venue's poster, signed now; nil while it waits for approval.
    func checkInURL(for venue: VenueRecord) async throws -> String? {
        guard venue.status == .approved, let type = VenueType(rawValue: venue.details.type) else { return nil }
        let signer = try await keyring.signingKey()
        let pass = VenuePass(
            venueID: venue.id, name: venue.details.name, type: type, provinceCode: venue.details.provinceCode, wardCode: venue.details.wardCode,
            validUntil: environment.clock.now + Self.passLifetime, keyVersion: signer.version
        )
        return try pass.url(host: environment.configuration.publicHost, signedWith: signer.key)
    }

    /// The poster's QR code (level Q: a quarter of it may be dirty or torn).
    func qrCode(for venue: VenueRecord) async throws -> QRCode {
        guard let url = try await checkInURL(for: venue) else {
            throw APIError(.conflict, "Venue \(venue.id) waits for approval by a province officer; its QR code comes after.")
        }
        return try QRCode(text: url, errorCorrection: .quartile)
    }

    static func canSee(_ venue: VenueRecord, _ principal: Principal) -> Bool {
        switch principal.user.role {
        case .venueOwner: venue.ownerID == principal.user.id
        case .provinceOfficer, .healthAuthority, .ministryAdmin: principal.scope.covers(provinceCode: venue.details.provinceCode)
        default: false
        }
    }
}
