import Crypto
import ExposureNotification
import ExposureNotificationExport
import Foundation
import Testing

/// The official files in `Fixtures/` (see `Fixtures/PROVENANCE.md`).
enum ExportFixtures {
    static func data(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil))
        return try Data(contentsOf: url)
    }

    static func text(_ name: String) throws -> String { String(decoding: try data(name), as: UTF8.self) }

    static let googleKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE49JY6kekDgxj3Crm4y6kEHdfoKQFSNDM4mV9cgDb+e5nOAw0GeRoRThCu9/wX5wDT2QloFoOjl2pGZHI0f3C3w=="

    static func googleVerificationKey() throws -> ExportVerificationKey {
        try ExportVerificationKey(keyID: "310", keyVersion: "v1", encoded: googleKey)
    }

    static func ensVerificationKey() throws -> ExportVerificationKey {
        try ExportVerificationKey(keyID: "some_id", keyVersion: "1", encoded: try text("ens-example-export-public.pem"))
    }

    struct PublishedKeys: Decodable {
        struct Key: Decodable {
            var key: String
            var rollingStartNumber: UInt32
            var rollingPeriod: UInt32
            var transmissionRisk: Int
        }
        var temporaryExposureKeys: [Key]
    }
}

@Suite("Key export files")
struct ExportArchiveTests {
    @Test("Google's sample file verifies with its published key and holds 140 US keys")
    func googleSample() throws {
        let archive = try ExportArchive(zip: try ExportFixtures.data("google-en-sample-diagnosis-key-file.zip"))
        #expect(archive.exportBinary.count == 3854)
        #expect(Data(SHA256.hash(data: archive.exportBinary)).map { String(format: "%02x", $0) }.joined()
            == "1df2d78a603e2f85ca178f2fbd339a587f699bffd9d46a79f61b0448e79fe9f7")
        let export = try archive.verifiedExport(with: [try ExportFixtures.googleVerificationKey()])
        #expect(export.keys.count == 140)
        #expect(export.region == "US")
        #expect(export.startTimestamp.timeIntervalSince1970 == 1_593_633_600)
        #expect(export.endTimestamp.timeIntervalSince1970 == 1_593_633_900)
        #expect(export.batchNumber == 1 && export.batchSize == 1)
        #expect(export.signatureInfos.first == ExportSignatureInfo(keyID: "310", keyVersion: "v1"))
        #expect(export.keys.allSatisfy { $0.key.keyData.count == 16 })
        #expect(throws: ExportError.signatureInvalid) {
            try archive.verifiedExport(with: [try ExportFixtures.ensVerificationKey()])
        }
    }

    @Test("the server example verifies with its key, not with Google's, and matches its keys.json")
    func serverExample() throws {
        let archive = try ExportArchive(zip: try ExportFixtures.data("ens-example-export-2-records.zip"))
        #expect(throws: ExportError.signatureInvalid) { try archive.verifiedExport(with: [try ExportFixtures.googleVerificationKey()]) }
        let export = try archive.verifiedExport(with: [try ExportFixtures.ensVerificationKey()])
        let published = try JSONDecoder().decode(ExportFixtures.PublishedKeys.self, from: try ExportFixtures.data("ens-example-export-keys.json"))
        #expect(Set(export.keys.map { $0.key.keyData.base64EncodedString() }) == Set(published.temporaryExposureKeys.map(\.key)))
        #expect(export.keys.map { $0.key.keyData } == export.keys.map { $0.key.keyData }.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test("writing the example's keys gives its export.bin byte for byte, and a zip that verifies")
    func writesByteExactly() throws {
        let official = try ExportArchive(zip: try ExportFixtures.data("ens-example-export-2-records.zip"))
        let published = try JSONDecoder().decode(ExportFixtures.PublishedKeys.self, from: try ExportFixtures.data("ens-example-export-keys.json"))
        let keys = try published.temporaryExposureKeys.map {
            DiagnosisKey(
                key: try TemporaryExposureKey(
                    keyData: try #require(Data(base64Encoded: $0.key)), rollingStartIntervalNumber: ENIntervalNumber(rawValue: $0.rollingStartNumber),
                    rollingPeriod: $0.rollingPeriod
                ),
                reportType: .unknown, transmissionRiskLevel: $0.transmissionRisk
            )
        }
        let export = ExposureKeyExport(
            startTimestamp: Date(timeIntervalSince1970: 1_590_159_600), endTimestamp: Date(timeIntervalSince1970: 1_590_246_000), region: "US",
            signatureInfos: [], keys: keys
        )
        let signer = ExportSigningKey(
            info: ExportSignatureInfo(keyID: "some_id", keyVersion: "1"),
            privateKey: try P256.Signing.PrivateKey(pemRepresentation: try ExportFixtures.text("ens-example-export-private.pem"))
        )
        let written = try ExportArchive(export: export, signedWith: [signer])
        #expect(written.exportBinary == official.exportBinary, "export.bin byte for byte")
        let reread = try ExportArchive(zip: try written.zipped())
        let verified = try reread.verifiedExport(with: [try ExportFixtures.ensVerificationKey()])
        #expect(verified.keys == export.keys)
        #expect(reread.signatures.first?.der.isEmpty == false)
    }

    @Test("report types and days since onset survive a round trip")
    func roundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        let start = ENIntervalNumber(rawValue: 2_700_000 - 2_700_000 % 144)
        let keys = (0..<50).map { index in
            DiagnosisKey(
                key: TemporaryExposureKey.generate(for: start.date, using: &generator), reportType: index % 2 == 0 ? .confirmedTest : .selfReport,
                daysSinceOnsetOfSymptoms: index % 29 - 14, transmissionRiskLevel: index % 9
            )
        }
        let export = ExposureKeyExport(startTimestamp: start.date, endTimestamp: start.date + 3600, region: "VN", signatureInfos: [], keys: keys)
        let signer = ExportSigningKey(info: ExportSignatureInfo(keyID: "VN", keyVersion: "v1"), privateKey: P256.Signing.PrivateKey())
        let archive = try ExportArchive(zip: try ExportArchive(export: export, signedWith: [signer]).zipped())
        let read = try archive.verifiedExport(with: [signer.verificationKey])
        #expect(Set(read.keys) == Set(keys))
        #expect(read.region == "VN")
        #expect(throws: ExportError.signatureInvalid) {
            try archive.verifiedExport(with: [ExportSigningKey(info: signer.info, privateKey: P256.Signing.PrivateKey()).verificationKey])
        }
    }

    @Test("malformed archives and contents are refused with an error", arguments: [
        ("not a zip", Data("hello".utf8)),
        ("empty", Data()),
    ])
    func malformedZips(name: String, data: Data) {
        #expect(throws: ExportError.self, "\(name)") { try ExportArchive(zip: data) }
    }

    @Test(
        "a deflated entry whose stream never ends, or that holds more than its directory says, is refused, not read without end (found by the fuzzer)",
        .timeLimit(.minutes(1))
    )
    func deflateWithoutEnd() throws {
        #expect(throws: ExportError.self) { try ExportArchive(zip: try ExportFixtures.data("fuzz-deflate-without-end.zip")) }
        // zlib was told its last chunk of input was a whole buffer long and read past it.
        #expect(throws: ExportError.self) { try ExportArchive(zip: try ExportFixtures.data("fuzz-inflate-past-chunk.zip")) }
        // The Google sample (deflated) with its directory saying export.bin is one byte shorter.
        var sample = try ExportFixtures.data("google-en-sample-diagnosis-key-file.zip")
        #expect(try ExportArchive(zip: sample).exportBinary.count == 3_854)
        let directory = try #require(sample.firstRange(of: Data([0x50, 0x4B, 0x01, 0x02]))).lowerBound
        let declared = Int(sample[directory + 24]) | Int(sample[directory + 25]) << 8
        #expect(declared == 3_854, "the uncompressed size of export.bin in its directory entry")
        sample[directory + 24] -= 1
        #expect(throws: ExportError.self) { try ExportArchive(zip: sample) }
    }

    @Test("a wrong header, broken protobuf, bad keys and tampering are refused")
    func malformedContent() throws {
        #expect(throws: ExportError.wrongHeader) { try ExposureKeyExport(serialized: Data("EK Export v2    ".utf8)) }
        #expect(throws: ExportError.self) { try ExposureKeyExport(serialized: ExposureKeyExport.header + Data([0x3A, 0xFF, 0xFF])) }
        // Field 7 (keys) holding a 3-byte key_data.
        #expect(throws: ExportError.self) { try ExposureKeyExport(serialized: ExposureKeyExport.header + Data([0x3A, 0x05, 0x0A, 0x03, 1, 2, 3])) }
        let official = try ExportArchive(zip: try ExportFixtures.data("ens-example-export-2-records.zip"))
        var tampered = official.exportBinary
        tampered[tampered.count - 1] ^= 0x01
        let forged = try ExportArchive(zip: try ExportArchive(exportBinary: tampered, signatures: official.signatures).zipped())
        #expect(throws: ExportError.signatureInvalid) { try forged.verifiedExport(with: [try ExportFixtures.ensVerificationKey()]) }
    }
}
