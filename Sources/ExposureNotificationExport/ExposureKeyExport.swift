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
        self.keys = keys.sorted(by: Self.keyOrder)
        self.revisedKeys = revisedKeys.sorted(by: Self.keyOrder)
    }

    /// Byte-wise order of the key data.
    static func keyOrder(_ lhs: DiagnosisKey, _ rhs: DiagnosisKey) -> Bool {
        lhs.key.keyData.lexicographicallyPrecedes(rhs.key.keyData)
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
