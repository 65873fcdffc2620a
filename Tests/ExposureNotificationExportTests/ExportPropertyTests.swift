import Crypto
import ExposureNotification
import ExposureNotificationExport
import Foundation
import PropertyBased
import Testing

@Suite("Export codec (property-based)")
struct ExportPropertyTests {
    static let signingKey = ExportSigningKey(info: ExportSignatureInfo(keyID: "452", keyVersion: "v1"), privateKey: P256.Signing.PrivateKey())

    /// A random diagnosis key with every field of the format in its valid range.
    static let diagnosisKey = Gen.uint8(in: 0...255).array(of: 16).map { bytes in bytes }
        .map { bytes -> DiagnosisKey in
            let seed = Int(bytes[0]) << 8 | Int(bytes[1])
            return DiagnosisKey(
                key: try! TemporaryExposureKey(
                    keyData: Data(bytes), rollingStartIntervalNumber: ENIntervalNumber(rawValue: 2_600_000 + UInt32(seed)),
                    rollingPeriod: UInt32(1 + seed % 144)
                ),
                reportType: ReportType(rawValue: seed % 6) ?? .unknown, daysSinceOnsetOfSymptoms: seed % 3 == 0 ? nil : seed % 29 - 14,
                transmissionRiskLevel: seed % 9
            )
        }

    @Test("any set of keys survives serialize → parse and zip → verify unchanged")
    func roundTrip() async throws {
        await propertyCheck(count: 50, input: Self.diagnosisKey.array(of: 0...40), Self.diagnosisKey.array(of: 0...3)) { keys, revised in
            let unique = Dictionary(keys.map { ($0.key.keyData, $0) }, uniquingKeysWith: { first, _ in first }).map(\.value)
            let export = ExposureKeyExport(
                startTimestamp: Date(timeIntervalSince1970: 1_800_000_000), endTimestamp: Date(timeIntervalSince1970: 1_800_003_600),
                region: "VN", signatureInfos: [Self.signingKey.info], keys: unique, revisedKeys: revised
            )
            let parsed = try ExposureKeyExport(serialized: try export.serialized())
            #expect(parsed == export)
            let zip = try ExportArchive(export: export, signedWith: [Self.signingKey]).zipped()
            #expect(try ExportArchive(zip: zip).verifiedExport(with: [Self.signingKey.verificationKey]) == export)
        }
    }

    @Test("arbitrary bytes are refused as export.bin or zip with an error, never a crash")
    func arbitraryBytes() async {
        await propertyCheck(count: 200, input: Gen.uint8(in: 0...255).array(of: 0...300)) { bytes in
            var withHeader = ExposureKeyExport.header
            withHeader.append(contentsOf: bytes)
            _ = try? ExposureKeyExport(serialized: withHeader)
            _ = try? ExposureKeyExport(serialized: Data(bytes))
            #expect(throws: ExportError.self) { try ExportArchive(zip: Data(bytes)) }
        }
    }

    @Test("a valid file with a flipped byte is refused or fails verification, never crashes")
    func corruptedFile() async throws {
        let key = try TemporaryExposureKey(keyData: Data(repeating: 7, count: 16), rollingStartIntervalNumber: ENIntervalNumber(rawValue: 2_700_000))
        let export = ExposureKeyExport(
            startTimestamp: Date(timeIntervalSince1970: 1_800_000_000), endTimestamp: Date(timeIntervalSince1970: 1_800_003_600), region: "VN",
            signatureInfos: [Self.signingKey.info], keys: [DiagnosisKey(key: key, reportType: .confirmedTest)]
        )
        let zip = try ExportArchive(export: export, signedWith: [Self.signingKey]).zipped()
        await propertyCheck(count: 3000, input: Gen.int(in: 0...(zip.count - 1)), Gen.uint8(in: 1...255)) { position, mask in
            var corrupted = zip
            corrupted[position] ^= mask
            if let verified = try? ExportArchive(zip: corrupted).verifiedExport(with: [Self.signingKey.verificationKey]) {
                #expect(verified == export, "a change that still verifies can only be outside the signed bytes")
            }
        }
    }
}
