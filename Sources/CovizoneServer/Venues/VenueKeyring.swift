import CovizoneCore
import CovizoneStore
import Crypto
import Foundation
import VenueCheckIn

/// The P-256 key that signs venue QR passes, kept in the database so every instance signs alike;
/// apps download the public keys to check posters offline.
struct VenueKeyring: Sendable {
    static let keyID = "venue"
    let keys: SigningKeyRepository
    let clock: WallClock

    /// Creates version 1 on first start.
    func ensureKey() async throws {
        guard try await keys.all(.venue).isEmpty else { return }
        let key = P256.Signing.PrivateKey()
        try await keys.insert(
            StoredSigningKey(
                purpose: .venue, keyID: Self.keyID, keyVersion: "1", privateKey: key.rawRepresentation,
                publicKeyPEM: key.publicKey.pemRepresentation, createdAt: clock.now
            )
        )
    }

    /// The newest key and its version number.
    func signingKey() async throws -> (version: UInt8, key: P256.Signing.PrivateKey) {
        guard let newest = try await keys.all(.venue).last, let version = UInt8(newest.keyVersion) else {
            throw StoreError.notFound("venue signing key")
        }
        return (version, try P256.Signing.PrivateKey(rawRepresentation: newest.privateKey))
    }

    /// Every public key by version, for checking passes.
    func publicKeys() async throws -> [StoredSigningKey] {
        try await keys.all(.venue)
    }
}

/// Checks venue passes with the public keys, parsed once and kept for a minute. A poster is
/// scanned by everyone who enters, so a pass whose signature checked out is remembered with the
/// keys (its expiry is checked at every scan): a check-in then costs no signature check. Passes
/// are remembered by their canonical token, so text around a pass (a changed host, junk before
/// the `#`) neither costs another signature check nor takes another place.
actor VenuePassVerifier {
    static let lifetime: Duration = .seconds(60)
    /// Past this many passes the memory starts again empty.
    static let capacity = 20_000
    private let keyring: VenueKeyring
    private var keys: (byVersion: [UInt8: P256.Signing.PublicKey], loadedAt: ContinuousClock.Instant)?
    private var verified: [String: VenuePass] = [:]
    private var loading: Task<[UInt8: P256.Signing.PublicKey], any Error>?

    init(keyring: VenueKeyring) {
        self.keyring = keyring
    }

    /// The pass in `qr` (a pass or a check-in URL), if genuine and not expired at `now`; throws
    /// ``VenuePass/Failure`` otherwise.
    func verify(_ qr: String, now: Date) async throws -> VenuePass {
        let keys = try await currentKeys()
        guard let token = VenuePass.canonicalToken(in: qr) else { return try VenuePass.verify(qr, keys: keys, now: now) }
        if let pass = verified[token] {
            guard !pass.hasExpired(at: now) else { throw VenuePass.Failure.expired }
            return pass
        }
        let pass = try VenuePass.verify(token, keys: keys, now: now)
        if verified.count >= Self.capacity { verified.removeAll(keepingCapacity: true) }
        verified[token] = pass
        return pass
    }

    /// How many genuine passes are remembered.
    var rememberedPasses: Int { verified.count }

    /// Public keys by version, loaded again (and the remembered passes forgotten) each minute.
    /// Check-ins that arrive during a load wait for it instead of loading too.
    private func currentKeys() async throws -> [UInt8: P256.Signing.PublicKey] {
        if let keys, ContinuousClock.now - keys.loadedAt < Self.lifetime { return keys.byVersion }
        if let loading { return try await loading.value }
        let keyring = keyring
        let load = Task {
            var byVersion: [UInt8: P256.Signing.PublicKey] = [:]
            for stored in try await keyring.publicKeys() {
                if let version = UInt8(stored.keyVersion) { byVersion[version] = try P256.Signing.PublicKey(pemRepresentation: stored.publicKeyPEM) }
            }
            return byVersion
        }
        loading = load
        defer { loading = nil }
        let byVersion = try await load.value
        keys = (byVersion, ContinuousClock.now)
        verified.removeAll(keepingCapacity: true)
        return byVersion
    }
}

/// Approved venues by id, kept for a minute: every check-in names one, and approval is never
/// taken back, so a cached approved venue cannot become wrong (pending venues are not kept).
actor ApprovedVenueCache {
    static let lifetime: Duration = .seconds(60)
    /// Past this many entries the cache starts again empty.
    static let capacity = 50_000
    private let venues: VenueRepository
    private var entries: [Int64: (venue: VenueRecord, loadedAt: ContinuousClock.Instant)] = [:]
    private var loading: [Int64: Task<VenueRecord?, any Error>] = [:]

    init(venues: VenueRepository) {
        self.venues = venues
    }

    /// The venue with `id` if it is approved. Check-ins naming a venue that is being loaded wait
    /// for that load instead of loading it too.
    func approvedVenue(_ id: Int64) async throws -> VenueRecord? {
        if let entry = entries[id], ContinuousClock.now - entry.loadedAt < Self.lifetime { return entry.venue }
        if let load = loading[id] { return try await load.value }
        let venues = venues
        let load = Task { try await venues.find(id: id).flatMap { $0.status == .approved ? $0 : nil } }
        loading[id] = load
        defer { loading[id] = nil }
        guard let venue = try await load.value else { return nil }
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[id] = (venue, ContinuousClock.now)
        return venue
    }
}
