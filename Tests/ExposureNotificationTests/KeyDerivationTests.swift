import Crypto
@testable import ExposureNotification
import Foundation
import Testing

@Suite("GAEN key derivation (specification v1.2 vectors)")
struct KeyDerivationTests {
    let vectors: Fixtures.CryptoVectors
    let key: TemporaryExposureKey

    init() throws {
        vectors = try JSONDecoder().decode(Fixtures.CryptoVectors.self, from: try Fixtures.data("gaen-crypto-test-vectors.json"))
        key = try TemporaryExposureKey(
            keyData: Data(hex: vectors.tek), rollingStartIntervalNumber: ENIntervalNumber(rawValue: vectors.rolling_start_interval_number)
        )
    }

    @Test("the key's first interval is the day of its generation time")
    func intervalNumbers() {
        let generated = Date(timeIntervalSince1970: TimeInterval(vectors.key_generation_unix_seconds))
        #expect(ENIntervalNumber(date: generated).rawValue == vectors.rolling_start_interval_number)
        #expect(ENIntervalNumber(date: generated + 599).rawValue == vectors.rolling_start_interval_number)
        #expect(ENIntervalNumber(date: generated + 600).rawValue == vectors.rolling_start_interval_number + 1)
        #expect(ENIntervalNumber(date: generated + 86_399).dayStart.rawValue == vectors.rolling_start_interval_number)
    }

    @Test("RPIK and AEMK")
    func derivedKeys() {
        #expect(key.rollingProximityIdentifierKey.withUnsafeBytes { Data($0) }.hex == vectors.rpik)
        #expect(key.associatedEncryptedMetadataKey.withUnsafeBytes { Data($0) }.hex == vectors.aemk)
    }

    @Test("all 144 padded blocks, identifiers and encrypted metadata")
    func everyInterval() throws {
        #expect(vectors.intervals.count == 144)
        let metadata = Data(hex: vectors.bluetooth_metadata)
        let identifiers = key.rollingProximityIdentifiers
        #expect(identifiers.count == 144)
        for row in vectors.intervals {
            let interval = ENIntervalNumber(rawValue: row.en_interval_number)
            #expect(Data(TemporaryExposureKey.paddedData(for: interval)).hex == row.padded_data, "row \(row.i)")
            let rpi = key.rollingProximityIdentifier(at: interval)
            #expect(rpi.description == row.rpi, "row \(row.i)")
            #expect(identifiers[row.i] == rpi)
            let aem = key.encryptMetadata(metadata, for: rpi)
            #expect(aem.hex == row.aem, "row \(row.i)")
            #expect(key.decryptMetadata(aem, for: rpi) == metadata)
        }
    }

    @Test("metadata 40080000 is version 1.0 at 8 dBm")
    func metadata() throws {
        let metadata = try BluetoothMetadata(bytes: Data(hex: vectors.bluetooth_metadata))
        #expect(metadata == BluetoothMetadata(majorVersion: 1, minorVersion: 0, transmitPower: 8))
        #expect(metadata.bytes.hex == vectors.bluetooth_metadata)
        #expect(BluetoothMetadata(transmitPower: -12).bytes.hex == "40f40000")
        #expect(throws: ExposureNotificationError.self) { try BluetoothMetadata(bytes: Data([0x40])) }
    }

    @Test("keys of the wrong length or period are refused")
    func invalidKeys() {
        #expect(throws: ExposureNotificationError.wrongLength(what: "temporary exposure key", expected: 16, actual: 15)) {
            try TemporaryExposureKey(keyData: Data(count: 15), rollingStartIntervalNumber: ENIntervalNumber(rawValue: 0))
        }
        #expect(throws: ExposureNotificationError.invalidRollingPeriod(145)) {
            try TemporaryExposureKey(keyData: Data(count: 16), rollingStartIntervalNumber: ENIntervalNumber(rawValue: 0), rollingPeriod: 145)
        }
        #expect(throws: ExposureNotificationError.self) { try RollingProximityIdentifier(bytes: Data(count: 17)) }
    }

    @Test("generated keys are random, 16 bytes, and start at the day's first interval")
    func generation() {
        let now = Date(timeIntervalSince1970: 1_800_000_123)
        let first = TemporaryExposureKey.generate(for: now)
        let second = TemporaryExposureKey.generate(for: now)
        #expect(first.keyData.count == 16)
        #expect(first.keyData != second.keyData)
        #expect(first.rollingStartIntervalNumber == ENIntervalNumber(date: now).dayStart)
        #expect(first.rollingStartIntervalNumber.rawValue % 144 == 0)
        #expect(first.rollingPeriod == 144)
    }
}

@Suite("AES block cipher")
struct AESBlockCipherTests {
    @Test("the processor's AES and swift-crypto agree on random keys and blocks, including FIPS-197")
    func hardwareMatchesPortable() {
        // FIPS-197 appendix C.1 (AES-128).
        let fipsKey = SymmetricKey(data: Data(hex: "000102030405060708090a0b0c0d0e0f"))
        var fips = Array(Data(hex: "00112233445566778899aabbccddeeff"))
        AESBlockCipher.encrypt(&fips, key: fipsKey)
        #expect(Data(fips).hex == "69c4e0d86a7b0430d8cdb78070b4c55a")

        var generator = SystemRandomNumberGenerator()
        for blockCount in [1, 7, 8, 9, 144] {
            let key = SymmetricKey(size: .bits128)
            let plain = (0..<(16 * blockCount)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var fast = plain
            var portable = plain
            AESBlockCipher.encrypt(&fast, key: key)
            AESBlockCipher.encryptPortably(&portable, key: key)
            #expect(fast == portable, "\(blockCount) blocks")
            #expect(fast != plain)
        }
    }
}

@Suite("HKDF")
struct KeyDerivationHKDFTests {
    @Test("the allocation-free HKDF equals swift-crypto's HKDF<SHA256> on random keys")
    func matchesSwiftCrypto() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let tek = Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let reference = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: tek), info: Data("EN-RPIK".utf8), outputByteCount: 16)
            #expect(KeyDerivation.derive(inputKeyMaterial: tek, info: "EN-RPIK") == reference)
        }
    }
}
