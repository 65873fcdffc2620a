import CovizoneCore
import CovizoneStore
import Crypto
import Foundation

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

/// The venue pass public keys, parsed once and kept for a minute: a check-in needs them on
/// every request, and they change only when a key is added.
actor VenuePassKeyCache {
    static let lifetime: Duration = .seconds(60)
    private let keyring: VenueKeyring
    private var cached: (keys: [UInt8: P256.Signing.PublicKey], loadedAt: ContinuousClock.Instant)?

    init(keyring: VenueKeyring) {
        self.keyring = keyring
    }

    /// Public keys by version.
    func keys() async throws -> [UInt8: P256.Signing.PublicKey] {
        if let cached, ContinuousClock.now - cached.loadedAt < Self.lifetime { return cached.keys }
        var keys: [UInt8: P256.Signing.PublicKey] = [:]
        for stored in try await keyring.publicKeys() {
            if let version = UInt8(stored.keyVersion) { keys[version] = try P256.Signing.PublicKey(pemRepresentation: stored.publicKeyPEM) }
        }
        cached = (keys, ContinuousClock.now)
        return keys
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

    init(venues: VenueRepository) {
        self.venues = venues
    }

    /// The venue with `id` if it is approved.
    func approvedVenue(_ id: Int64) async throws -> VenueRecord? {
        if let entry = entries[id], ContinuousClock.now - entry.loadedAt < Self.lifetime { return entry.venue }
        guard let venue = try await venues.find(id: id), venue.status == .approved else { return nil }
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[id] = (venue, ContinuousClock.now)
        return venue
    }
}
