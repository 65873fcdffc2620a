import CovizoneCore
import CovizoneStore
import Foundation
import QRCode
import VenueCheckIn

/// Venues: who may register, see and approve one, and the signed pass and QR code of an
/// approved one. The API and the pages both go through it.
struct VenueService: Sendable {
    let venues: VenueRepository
    let keyring: VenueKeyring
    let audit: AuditRecorder
    let divisions: AdministrativeDivisions
    let clock: WallClock
    let settings: VenueSettings
    /// How long a printed poster stays valid.
    static let passLifetime: TimeInterval = 365 * 86_400

    /// Registers a venue: an owner's waits for approval, a province officer's is approved at once.
    func register(_ registration: VenueRegistration, by principal: Principal) async throws -> VenueRecord {
        let details = try registration.details(divisions: divisions)
        guard principal.scope.covers(provinceCode: details.provinceCode) else { throw VenueError.outsideProvince(allowed: principal.scope.provinceCode) }
        let isOfficer = principal.user.role == .provinceOfficer
        return try await venues.create(
            details, ownerID: isOfficer ? nil : principal.user.id, approvedBy: isOfficer ? principal.user.id : nil, at: clock.now
        )
    }

    /// The venue with `id` if `principal` may see it: its owner, or an officer whose province covers it.
    func venue(_ id: Int64, for principal: Principal) async throws -> VenueRecord {
        guard let venue = try await venues.find(id: id), Self.canSee(venue, principal) else { throw VenueError.notFound(venueID: id) }
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
        guard let approved = try await venues.approve(id: venue.id, by: principal.user.id, at: clock.now) else {
            throw VenueError.alreadyApproved(venueID: id)
        }
        return approved
    }

    /// Minutes a visit at `venue` lasts when nobody checks out.
    func stayMinutes(at venue: VenueRecord) -> Int {
        settings.stayMinutes(at: venue.details.type)
    }

    /// The check-in URL of an approved venue's poster, signed now; nil while it waits for approval.
    func checkInURL(for venue: VenueRecord) async throws -> String? {
        guard venue.status == .approved else { return nil }
        let signer = try await keyring.signingKey()
        let pass = VenuePass(
            venueID: venue.id, name: venue.details.name, type: venue.details.type, provinceCode: venue.details.provinceCode, wardCode: venue.details.wardCode,
            validUntil: clock.now + Self.passLifetime, keyVersion: signer.version
        )
        return try pass.url(host: settings.publicHost, signedWith: signer.key)
    }

    /// The poster's QR code (level Q: a quarter of it may be dirty or torn).
    func qrCode(for venue: VenueRecord) async throws -> QRCode {
        guard let url = try await checkInURL(for: venue) else { throw VenueError.awaitingApproval(venueID: venue.id) }
        return try QRCode(text: url, errorCorrection: .quartile)
    }

    /// The public keys apps check posters with.
    func passKeys() async throws -> [StoredSigningKey] {
        try await keyring.publicKeys()
    }

    /// Checks every row of a province officer's CSV, registers the good ones unless `dryRun`, and
    /// records the import in the audit log.
    func importVenues(csv: String, by principal: Principal, dryRun: Bool, caller: Caller) async throws -> VenueImport.Report {
        guard let provinceCode = principal.scope.provinceCode else { throw CSVImportError.noProvince }
        let checked = try await VenueImport(divisions: divisions).check(csv: csv, province: provinceCode, registered: venues.registeredAddresses(provinceCode: provinceCode))
        let ids = dryRun ? [] : try await venues.createApproved(checked.accepted, by: principal.user.id, at: clock.now)
        let rejected = Set(checked.errors.map(\.line)).count
        try await audit.record(
            "venues.import", subject: "venues", provinceCode: provinceCode,
            detail: "\(checked.accepted.count) good rows, \(rejected) rejected\(dryRun ? " (dry run)" : "")", by: caller
        )
        return VenueImport.Report(imported: checked.accepted.count, rejected: rejected, dryRun: dryRun, venueIds: ids, errors: checked.errors)
    }

    static func canSee(_ venue: VenueRecord, _ principal: Principal) -> Bool {
        switch principal.user.role {
        case .venueOwner: venue.ownerID == principal.user.id
        case .provinceOfficer, .healthAuthority, .ministryAdmin: principal.scope.covers(provinceCode: venue.details.provinceCode)
        default: false
        }
    }
}
