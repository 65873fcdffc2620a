import ExposureNotification
import Foundation

/// The content of one GAEN key export file (`export.bin`): the diagnosis keys of a time window
/// and region, as one file of a batch.
public struct ExposureKeyExport: Equatable, Sendable {
    /// The 16-byte header that starts every `export.bin`.
    public static let header = Data("EK Export v1    ".utf8)
    /// Most keys one file may hold.
    public static let maximumKeys = 750_000

    public var startTimestamp: Date
    public var endTimestamp: Date
    public var region: String
    /// This file's number in its batch, from 1.
    public var batchNumber: Int
    public var batchSize: Int
    public var signatureInfos: [ExportSignatureInfo]
    /// Keys, kept sorted by key bytes as the format requires.
    public var keys: [DiagnosisKey]
    /// Keys whose report type changed since they were first published.
    public var revisedKeys: [DiagnosisKey]

    public init(
        startTimestamp: Date, endTimestamp: Date, region: String, batchNumber: Int = 1, batchSize: Int = 1,
        signatureInfos: [ExportSignatureInfo], keys: [DiagnosisKey], revisedKeys: [DiagnosisKey] = []
    ) {
        self.startTimestamp = startTimestamp
        self.endTimestamp = endTimestamp
        self.region = region
        self.batchNumber = batchNumber
        self.batchSize = batchSize
        self.signatureInfos = signatureInfos
        self.keys = Self.sortedByKeyData(keys)
        self.revisedKeys = Self.sortedByKeyData(revisedKeys)
    }

    /// `keys` in byte-wise order of their key data. The 16 bytes are read once into two big-endian
    /// integers, so a million keys sort in a fraction of a second.
    static func sortedByKeyData(_ keys: [DiagnosisKey]) -> [DiagnosisKey] {
        let sortKeys = keys.map { key in
            key.key.keyData.withUnsafeBytes { bytes in
                (UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self)), UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
            }
        }
        return keys.indices.sorted { sortKeys[$0] < sortKeys[$1] }.map { keys[$0] }
    }
}

/// Which key signed an export: its id and version, as phones look it up, and the algorithm.
public struct ExportSignatureInfo: Hashable, Sendable {
    /// ASN.1 OID of ECDSA with SHA-256, the only algorithm of the format.
    public static let ecdsaP256SHA256 = "1.2.840.10045.4.3.2"

    public var keyID: String
    public var keyVersion: String
    public var algorithm: String

    public init(keyID: String, keyVersion: String, algorithm: String = ExportSignatureInfo.ecdsaP256SHA256) {
        self.keyID = keyID
        self.keyVersion = keyVersion
        self.algorithm = algorithm
    }
}
