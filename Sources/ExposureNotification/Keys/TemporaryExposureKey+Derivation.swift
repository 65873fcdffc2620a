import Crypto
import Foundation

/// Key derivation of the GAEN cryptography specification v1.2.
extension TemporaryExposureKey {
    /// `RPIK = HKDF-SHA256(TEK, salt: none, info: "EN-RPIK", 16 bytes)`.
    public var rollingProximityIdentifierKey: SymmetricKey { KeyDerivation.derive(inputKeyMaterial: keyData, info: "EN-RPIK") }

    /// `AEMK = HKDF-SHA256(TEK, salt: none, info: "EN-AEMK", 16 bytes)`.
    public var associatedEncryptedMetadataKey: SymmetricKey { KeyDerivation.derive(inputKeyMaterial: keyData, info: "EN-AEMK") }

    /// The rolling proximity identifier broadcast during `interval`:
    /// `RPI = AES-128(RPIK, "EN-RPI" ‖ 0x000000000000 ‖ ENIN little-endian)`.
    public func rollingProximityIdentifier(at interval: ENIntervalNumber) -> RollingProximityIdentifier {
        Self.rollingProximityIdentifier(key: rollingProximityIdentifierKey, interval: interval)
    }

    /// The identifier of every interval of the key, in order, computed in one pass.
    public var rollingProximityIdentifiers: [RollingProximityIdentifier] {
        let blocks = Self.encryptedPaddedData(from: rollingStartIntervalNumber, count: Int(rollingPeriod), key: rollingProximityIdentifierKey)
        return stride(from: 0, to: blocks.count, by: 16).map { RollingProximityIdentifier(validatedBytes: Data(blocks[$0..<$0 + 16])) }
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

    /// `count` consecutive PaddedData blocks from `start`, encrypted under `key`: the identifiers'
    /// bytes back to back.
    static func encryptedPaddedData(from start: ENIntervalNumber, count: Int, key: SymmetricKey) -> [UInt8] {
        var blocks = [UInt8](unsafeUninitializedCapacity: 16 * count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            for block in 0..<count {
                let offset = 16 * block
                // "EN-RPI" and six zero bytes, then the interval number, little-endian.
                raw.storeBytes(of: UInt64(0x0000_4950_522D_4E45).littleEndian, toByteOffset: offset, as: UInt64.self)
                raw.storeBytes(of: UInt32(0), toByteOffset: offset + 8, as: UInt32.self)
                raw.storeBytes(of: (start.rawValue &+ UInt32(block)).littleEndian, toByteOffset: offset + 12, as: UInt32.self)
            }
            initialized = 16 * count
        }
        AESBlockCipher.encrypt(&blocks, key: key)
        return blocks
    }

    static func rollingProximityIdentifier(key: SymmetricKey, interval: ENIntervalNumber) -> RollingProximityIdentifier {
        RollingProximityIdentifier(validatedBytes: Data(encryptedPaddedData(from: interval, count: 1, key: key)))
    }

    /// AES-128-CTR with the identifier as the full 16-byte initial counter block.
    private static func applyKeystream(to data: Data, key: SymmetricKey, rpi: RollingProximityIdentifier) -> Data {
        var output = Data(capacity: data.count)
        var counter = Array(rpi.bytes)
        var offset = data.startIndex
        while offset < data.endIndex {
            var keystream = counter
            AESBlockCipher.encrypt(&keystream, key: key)
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
