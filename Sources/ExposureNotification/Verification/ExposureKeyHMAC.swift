import Crypto
import Foundation

/// The HMAC that binds a verification certificate to the keys a phone will publish (`tekmac` /
/// `ekeyhmac` of the GAEN verification protocol): HMAC-SHA256 over the keys' segments
/// `base64(key).rollingStart.rollingPeriod[.transmissionRisk]`, sorted and joined by `,`.
public enum ExposureKeyHMAC {
    /// One key as it goes into the HMAC.
    public struct Entry: Sendable {
        public var key: TemporaryExposureKey
        public var transmissionRisk: Int

        public init(key: TemporaryExposureKey, transmissionRisk: Int = 0) {
            self.key = key
            self.transmissionRisk = transmissionRisk
        }
    }

    /// The text that is authenticated. Older clients leave the transmission risk out.
    public static func cleartext(_ entries: [Entry], includingTransmissionRisk: Bool = true) -> String {
        entries.map { entry in
            var segment = "\(entry.key.keyData.base64EncodedString()).\(entry.key.rollingStartIntervalNumber.rawValue).\(entry.key.rollingPeriod)"
            if includingTransmissionRisk { segment += ".\(entry.transmissionRisk)" }
            return segment
        }
        .sorted()
        .joined(separator: ",")
    }

    /// HMAC-SHA256 of ``cleartext(_:includingTransmissionRisk:)`` under `secret`.
    public static func authenticationCode(_ entries: [Entry], secret: Data, includingTransmissionRisk: Bool = true) -> Data {
        let text = cleartext(entries, includingTransmissionRisk: includingTransmissionRisk)
        return Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: secret)))
    }

    /// Whether `code` authenticates `entries`, with or without transmission risks; compared in
    /// constant time.
    public static func isValid(_ code: Data, for entries: [Entry], secret: Data) -> Bool {
        let key = SymmetricKey(data: secret)
        return [true, false].contains { includingRisk in
            HMAC<SHA256>.isValidAuthenticationCode(
                code, authenticating: Data(cleartext(entries, includingTransmissionRisk: includingRisk).utf8), using: key
            )
        }
    }
}
