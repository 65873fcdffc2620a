import CovizoneCore
import CovizoneStore
import Crypto
import ExposureNotificationExport
import Foundation

/// The P-256 keys of the exposure server, kept in the database so that every instance signs
/// alike: export keys (phones verify files with them) and certificate keys (the key server
/// checks the certificates its verification side issued).
public struct ExposureKeyring: Sendable {
    /// Version of the certificate key named in a certificate's `kid`.
    static let certificateKeyID = "covizone-verification"
    /// How long a replaced export key keeps signing alongside the new one, so phones can update.
    public static let rotationOverlap: TimeInterval = 7 * 86_400

    let keys: SigningKeyRepository
    let exportKeyID: String
    let clock: WallClock

    public init(database: Database, exportKeyID: String, clock: WallClock = .system) {
        keys = SigningKeyRepository(database: database)
        self.exportKeyID = exportKeyID
        self.clock = clock
    }

    /// Creates the first export and certificate keys if there are none yet (instances starting
    /// together agree on one: the second insert of version `v1` is ignored).
    public func ensureKeys() async throws {
        for (purpose, keyID) in [(SigningKeyPurpose.export, exportKeyID), (.certificate, Self.certificateKeyID)] {
            if try await keys.all(purpose).isEmpty {
                try await keys.insert(Self.newKey(purpose: purpose, keyID: keyID, version: "v1", now: clock.now))
            }
        }
    }

    /// Every export key, active or retired, for the public list.
    public func exportKeys() async throws -> [StoredSigningKey] {
        try await keys.all(.export)
    }

    /// The keys that sign export files now.
    func exportSigningKeys() async throws -> [ExportSigningKey] {
        let now = clock.now
        return try await keys.all(.export).filter { $0.isActive(at: now) }.map { stored in
            ExportSigningKey(
                info: ExportSignatureInfo(keyID: stored.keyID, keyVersion: stored.keyVersion),
                privateKey: try P256.Signing.PrivateKey(rawRepresentation: stored.privateKey)
            )
        }
    }

    /// The newest certificate key and its `kid` (the verification server signs with it; so does the publish benchmark).
    public func certificateSigningKey() async throws -> (keyID: String, key: P256.Signing.PrivateKey) {
        guard let newest = try await keys.all(.certificate).last(where: { $0.isActive(at: clock.now) }) else {
            throw StoreError.notFound("certificate signing key")
        }
        return (newest.keyVersion, try P256.Signing.PrivateKey(rawRepresentation: newest.privateKey))
    }

    /// Public certificate keys by `kid`, retired ones included until they are purged.
    func certificateVerificationKeys() async throws -> [String: P256.Signing.PublicKey] {
        var result: [String: P256.Signing.PublicKey] = [:]
        for stored in try await keys.all(.certificate) {
            result[stored.keyVersion] = try P256.Signing.PrivateKey(rawRepresentation: stored.privateKey).publicKey
        }
        return result
    }

    /// Makes a new export key version the signer; the current ones keep signing for
    /// ``rotationOverlap`` and then retire. Returns the new key.
    public func rotateExportKey() async throws -> StoredSigningKey {
        let existing = try await keys.all(.export)
        let versions = existing.compactMap { Int($0.keyVersion.dropFirst()) }
        let next = Self.newKey(purpose: .export, keyID: exportKeyID, version: "v\((versions.max() ?? 0) + 1)", now: clock.now)
        try await keys.rotate(to: next, retireOthersAt: clock.now + Self.rotationOverlap)
        return next
    }

    static func newKey(purpose: SigningKeyPurpose, keyID: String, version: String, now: Date) -> StoredSigningKey {
        let key = P256.Signing.PrivateKey()
        return StoredSigningKey(
            purpose: purpose, keyID: keyID, keyVersion: version, privateKey: key.rawRepresentation,
            publicKeyPEM: key.publicKey.pemRepresentation, createdAt: now
        )
    }
}
