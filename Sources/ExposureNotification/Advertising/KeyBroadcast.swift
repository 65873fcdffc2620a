import Foundation

/// Everything one phone broadcasts while one key is valid: the identifier and encrypted metadata
/// of each interval, derived in one pass (two key derivations and two AES passes over all the
/// intervals instead of per advertisement). The same bytes as ``AdvertisingPayload``.
public struct KeyBroadcast: Sendable {
    public let key: TemporaryExposureKey
    /// 16 identifier bytes then 4 metadata bytes per interval, back to back.
    private let payloads: [UInt8]

    public init(key: TemporaryExposureKey, metadata: BluetoothMetadata) {
        self.key = key
        let count = Int(key.rollingPeriod)
        let identifiers = TemporaryExposureKey.encryptedPaddedData(
            from: key.rollingStartIntervalNumber, count: count, key: key.rollingProximityIdentifierKey
        )
        // AEM = AES-128-CTR(AEMK, IV = RPI): four bytes need only the first keystream block, AES(AEMK, RPI).
        var keystream = identifiers
        AESBlockCipher.encrypt(&keystream, key: key.associatedEncryptedMetadataKey)
        let plain = Array(metadata.bytes)
        var payloads = [UInt8](repeating: 0, count: 20 * count)
        for interval in 0..<count {
            for byte in 0..<16 { payloads[20 * interval + byte] = identifiers[16 * interval + byte] }
            for byte in 0..<4 { payloads[20 * interval + 16 + byte] = plain[byte] ^ keystream[16 * interval + byte] }
        }
        self.payloads = payloads
    }

    /// The advertisement during `interval`, or nil outside the key's validity.
    public func payload(at interval: ENIntervalNumber) -> AdvertisingPayload? {
        let offset = Int(interval.rawValue) - Int(key.rollingStartIntervalNumber.rawValue)
        guard offset >= 0, offset < Int(key.rollingPeriod) else { return nil }
        let start = 20 * offset
        return try? AdvertisingPayload(
            rollingProximityIdentifier: RollingProximityIdentifier(validatedBytes: Data(payloads[start..<start + 16])),
            associatedEncryptedMetadata: Data(payloads[start + 16..<start + 20])
        )
    }
}
