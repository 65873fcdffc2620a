import Crypto
import ExposureNotification
import ExposureNotificationExport
import Foundation
import Testing

@Suite("Export batches: split, padded, signed")
struct ExportBatchWriterTests {
    let signingKey = ExportSigningKey(info: ExportSignatureInfo(keyID: "452", keyVersion: "v1"), privateKey: P256.Signing.PrivateKey())
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func keys(_ count: Int) throws -> [DiagnosisKey] {
        try (0..<count).map { index in
            DiagnosisKey(
                key: try TemporaryExposureKey(
                    keyData: Data((0..<16).map { UInt8(truncatingIfNeeded: index &* 31 &+ $0) }), rollingStartIntervalNumber: ENIntervalNumber(rawValue: 2_999_808)
                ),
                reportType: .confirmedTest, daysSinceOnsetOfSymptoms: 2, transmissionRiskLevel: 2
            )
        }
    }

    @Test("25 keys with at most 10 per file make three signed files, the last padded to the minimum")
    func split() throws {
        var writer = ExportBatchWriter(region: "VN", signingKeys: [signingKey])
        writer.maximumKeysPerFile = 10
        writer.minimumKeysPerFile = 8
        writer.paddingJitter = 0
        let revised = try keys(1)
        var generator = SystemRandomNumberGenerator()
        let files = try writer.files(start: start, end: start + 3600, keys: try keys(25), revisedKeys: revised, using: &generator)
        #expect(files.map(\.name) == ["1800000000-1800003600-00001.zip", "1800000000-1800003600-00002.zip", "1800000000-1800003600-00003.zip"])
        #expect(files.map(\.keyCount) == [10, 10, 5])
        let exports = try files.map { try ExportArchive(zip: $0.zip).verifiedExport(with: [signingKey.verificationKey]) }
        #expect(exports.map(\.keys.count) == [10, 10, 8])
        #expect(exports.map(\.batchNumber) == [1, 2, 3])
        #expect(exports.allSatisfy { $0.batchSize == 3 && $0.region == "VN" && $0.startTimestamp == start })
        #expect(exports.map(\.revisedKeys.count) == [1, 0, 0])
        let real = Set(try keys(25).map(\.key.keyData))
        let padding = exports[2].keys.filter { !real.contains($0.key.keyData) }
        #expect(padding.count == 3)
        #expect(padding.allSatisfy { $0.reportType == .confirmedTest && $0.key.rollingStartIntervalNumber.rawValue == 2_999_808 }, "padding looks like real keys")
    }

    @Test("an empty window makes no file")
    func empty() throws {
        var generator = SystemRandomNumberGenerator()
        #expect(try ExportBatchWriter(region: "VN", signingKeys: [signingKey]).files(start: start, end: start + 3600, keys: [], revisedKeys: [], using: &generator).isEmpty)
    }
}
