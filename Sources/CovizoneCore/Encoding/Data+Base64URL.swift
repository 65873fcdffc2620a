import Foundation

extension Data {
    /// Base64url without padding (RFC 4648 §5): safe in URLs, cookies and headers.
    public var base64URLEncodedString: String {
        var bytes = base64EncodedData()
        while bytes.last == UInt8(ascii: "=") { bytes.removeLast() }
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "+"): bytes[index] = UInt8(ascii: "-")
            case UInt8(ascii: "/"): bytes[index] = UInt8(ascii: "_")
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes base64url with or without padding. Only the canonical text of some bytes is
    /// accepted (unused low bits of the last character must be zero), so no two texts decode to
    /// the same bytes: a signed token cannot be edited into another text that still verifies.
    public init?(base64URLEncoded text: String) {
        var bytes = Array(text.utf8)
        while bytes.last == UInt8(ascii: "=") { bytes.removeLast() }
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "+"): bytes[index] = UInt8(ascii: "-")
            case UInt8(ascii: "/"): bytes[index] = UInt8(ascii: "_")
            default: break
            }
        }
        let canonical = bytes
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "-"): bytes[index] = UInt8(ascii: "+")
            case UInt8(ascii: "_"): bytes[index] = UInt8(ascii: "/")
            default: break
            }
        }
        bytes += repeatElement(UInt8(ascii: "="), count: (4 - bytes.count % 4) % 4)
        guard let decoded = Data(base64Encoded: Data(bytes)), Array(decoded.base64URLEncodedString.utf8) == canonical else { return nil }
        self = decoded
    }
}
