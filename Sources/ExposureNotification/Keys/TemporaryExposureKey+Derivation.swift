import Crypto
import Foundation
import _CryptoExtras

/// Key derivation of the GAEN cryptography specification v1.2.
extension TemporaryExposureKey {
    /// `RPIK = HKDF-SHA256(TEK, salt: none, info: "EN-RPIK", 16 bytes)`.
    public var rollingProximityIdentifierKey: SymmetricKey { derive(info: "EN-RPIK") }

    /// `AEMK = HKDF-SHA256(TEK, salt: none, info: "EN-AEMK", 16 bytes)`.
    public var associatedEncryptedMetadataKey: SymmetricKey { derive(info: "EN-AEMK") }

    /// The rolling proximity identifier broadcast during `interval`:
    /// `RPI = AES-128(RPIK, "EN-RPI" ‖ 0x000000000000 ‖ ENIN little-endian)`.
    public func rollingProximityIdentifier(at interval: ENIntervalNumber) -> RollingProximityIdentifier {
        Self.rollingProximityIdentifier(key: rollingProximityIdentifierKey, interval: interval)
    }

    /// The identifier of every interval of the key, in order.
    public var rollingProximityIdentifiers: [RollingProximityIdentifier] {
        let key = rollingProximityIdentifierKey
        return intervals.map { Self.rollingProximityIdentifier(key: key, interval: $0) }
    }

    /// Encrypts Bluetooth metadata for the advertisement with identifier `rpi`:
    /// `AEM = AES-128-CTR(AEMK, IV = RPI, metadata)`.
    public func encryptMetadata(_ metadata: Data, for rpi: RollingProximityIdentifier) -> Data {
        Self.applyKeystream(to: metadata, key: associatedEncryptedMetadataKey, rpi: rpi)
    }

    /// Decrypts the metadata of a matched advertisement (CTR mode is its own inverse).
    public func decryptMetadata(_ encrypted: Data, for rpi: RollingProximityIdentifier) -> Data {
        Self.applyKeystream(to: encrypted, key: associatedEncryptedMetadataKey, rpi: rpi)
    }

    /// `PaddedData` for `interval`: the 16-byte block that AES encrypts into the identifier.
    public static func paddedData(for interval: ENIntervalNumber) -> [UInt8] {
        Array("EN-RPI".utf8) + [UInt8](repeating: 0, count: 6) + interval.littleEndianBytes
    }

    static func rollingProximityIdentifier(key: SymmetricKey, interval: ENIntervalNumber) -> RollingProximityIdentifier {
        var block = paddedData(for: interval)
        // A 16-byte key and a 16-byte block are what AES-128 takes; permute cannot fail on them.
        try! AES.permute(&block, key: key)
        return RollingProximityIdentifier(validatedBytes: Data(block))
    }

    private func derive(info: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: keyData), info: Data(info.utf8), outputByteCount: 16)
    }

    /// AES-128-CTR with the identifier as the full 16-byte initial counter block.
    private static func applyKeystream(to data: Data, key: SymmetricKey, rpi: RollingProximityIdentifier) -> Data {
        var output = Data(capacity: data.count)
        var counter = Array(rpi.bytes)
        var offset = data.startIndex
        while offset < data.endIndex {
            var keystream = counter
            try! AES.permute(&keystream, key: key)
            for byte in keystream where offset < data.endIndex {
                output.append(data[offset] ^ byte)
                offset = data.index(after: offset)
            }
            incrementBigEndian(&counter)
        }
        return output
    }

    private static func incrementBigEndian(_ counter: inout [UInt8]) {
        for index in counter.indices.reversed() {
            counter[index] &+= 1
            if counter[index] != 0 { return }
        }
    }
}
