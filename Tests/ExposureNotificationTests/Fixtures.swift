import Foundation

/// The official vectors copied into `Fixtures/` (see `Fixtures/PROVENANCE.md`).
enum Fixtures {
    static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")
            ?? Bundle.module.url(forResource: name, withExtension: nil)
        else { throw CocoaError(.fileNoSuchFile) }
        return try Data(contentsOf: url)
    }

    struct CryptoVectors: Decodable {
        var key_generation_unix_seconds: Int
        var tek: String
        var rolling_start_interval_number: UInt32
        var rpik: String
        var aemk: String
        var bluetooth_metadata: String
        var intervals: [Row]

        struct Row: Decodable {
            var i: Int
            var en_interval_number: UInt32
            var padded_data: String
            var rpi: String
            var aem: String
        }
    }

    struct HMACVectors: Decodable {
        var secret_hex: String
        var cases: [Case]

        struct Case: Decodable {
            var keys: [Key]
            var cleartext: String
            var hmac_base64: String
            var alt_cleartext_without_transmission_risk: String?
            var alt_hmac_base64: String?
        }

        struct Key: Decodable {
            var key: String
            var rollingStartNumber: UInt32
            var rollingPeriod: UInt32
            var transmissionRisk: Int
        }
    }
}

extension Data {
    /// Bytes of a hexadecimal string (test fixtures only).
    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self.init(bytes)
    }

    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
