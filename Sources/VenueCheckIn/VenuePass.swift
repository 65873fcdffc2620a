import CovizoneCore
import Crypto
import Foundation

/// What a venue's QR poster carries, signed by the server so that phones can check it offline:
/// a forged or edited poster does not verify. Compact binary, base64url, in the URL
/// `https://HOST/c#PASS` so that a plain camera app opens the web check-in page.
///
/// Layout (version 1): version, key version, venue id (varint), type, province, ward (varint),
/// last valid day (varint, days since 1970, UTC), name length and UTF-8 name (at most 100
/// bytes), then the P-256 ECDSA signature (64 bytes, r ‖ s) of everything before it.
public struct VenuePass: Equatable, Sendable {
    public static let formatVersion: UInt8 = 1
    /// Longest name carried, in UTF-8 bytes (longer names are cut at a character boundary).
    public static let maximumNameBytes = 100

    public var venueID: Int64
    public var name: String
    public var type: VenueType
    /// Two-digit province code and five-digit ward code, as in the administrative divisions.
    public var provinceCode: String
    public var wardCode: String
    /// The pass is valid up to the end of this UTC day.
    public var validUntil: Date
    /// Which server key signed it.
    public var keyVersion: UInt8

    public init(venueID: Int64, name: String, type: VenueType, provinceCode: String, wardCode: String, validUntil: Date, keyVersion: UInt8) {
        self.venueID = venueID
        self.name = Self.truncated(name)
        self.type = type
        self.provinceCode = provinceCode
        self.wardCode = wardCode
        self.validUntil = Date(timeIntervalSince1970: Double(Self.dayNumber(validUntil) * 86_400))
        self.keyVersion = keyVersion
    }

    /// Why a pass was refused.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case malformed(String)
        case unsupportedVersion(UInt8)
        case unknownKey(UInt8)
        case invalidSignature
        case expired

        /// The error code the API answers with.
        public var code: String {
            switch self {
            case .malformed: "malformed_qr"
            case .unsupportedVersion: "unsupported_qr_version"
            case .unknownKey: "unknown_qr_key"
            case .invalidSignature: "invalid_signature"
            case .expired: "expired_qr"
            }
        }

        public var description: String {
            switch self {
            case .malformed(let reason): "the QR code is not a Covizone venue code: \(reason)"
            case .unsupportedVersion(let version): "the QR code has format version \(version), which this version does not read"
            case .unknownKey(let version): "the QR code is signed with an unknown key (version \(version))"
            case .invalidSignature: "the QR code's signature does not match: the poster was forged or edited"
            case .expired: "the QR code has expired; the venue needs a new poster"
            }
        }
    }

    /// The signed pass as base64url text.
    public func signed(with key: P256.Signing.PrivateKey) throws -> String {
        let body = try encodedBody()
        let signature = try key.signature(for: body).rawRepresentation
        return (body + signature).base64URLEncodedString
    }

    /// The check-in URL for a poster: `https://HOST/c#PASS`.
    public func url(host: String, signedWith key: P256.Signing.PrivateKey) throws -> String {
        "https://\(host)/c#\(try signed(with: key))"
    }

    /// The signed pass in `text` (a pass, or a check-in URL holding one after `#`) as canonical
    /// base64url: every text that holds the same pass gives the same token, whatever comes before
    /// the `#`. Nil when it holds no base64url long enough to be a pass.
    public static func canonicalToken(in text: String) -> String? {
        signedBytes(in: text).map { Data($0).base64URLEncodedString }
    }

    private static func signedBytes(in text: String) -> [UInt8]? {
        let token = text.split(separator: "#", omittingEmptySubsequences: false).last.map(String.init) ?? text
        guard let bytes = Data(base64URLEncoded: token.trimmingCharacters(in: .whitespacesAndNewlines)).map(Array.init), bytes.count > 64 else { return nil }
        return bytes
    }

    /// Reads and checks a pass (or a check-in URL holding one) against the server's public keys.
    public static func verify(_ text: String, keys: [UInt8: P256.Signing.PublicKey], now: Date) throws(Failure) -> VenuePass {
        guard let bytes = signedBytes(in: text) else { throw .malformed("not base64url, or too short") }
        var reader = ByteReader(bytes: Array(bytes.dropLast(64)))
        let version = try reader.byte()
        guard version == formatVersion else { throw .unsupportedVersion(version) }
        let keyVersion = try reader.byte()
        let venueID = try reader.varint()
        guard let type = VenueType(wireCode: try reader.byte()) else { throw .malformed("unknown venue type") }
        let province = try reader.byte()
        let ward = try reader.varint()
        let lastDay = try reader.varint()
        let nameLength = Int(try reader.byte())
        let nameBytes = try reader.bytes(nameLength)
        guard reader.isAtEnd else { throw .malformed("trailing bytes") }
        guard let name = String(validating: nameBytes, as: UTF8.self) else { throw .malformed("the name is not UTF-8") }
        guard let key = keys[keyVersion] else { throw .unknownKey(keyVersion) }
        guard let signature = try? P256.Signing.ECDSASignature(rawRepresentation: bytes.suffix(64)),
            key.isValidSignature(signature, for: Data(bytes.dropLast(64)))
        else { throw .invalidSignature }
        guard venueID <= UInt64(Int64.max), ward < 100_000, lastDay < 1_000_000 else { throw .malformed("a number is out of range") }
        let pass = VenuePass(
            venueID: Int64(venueID), name: name, type: type, provinceCode: String(format: "%02d", province),
            wardCode: String(format: "%05d", Int(ward)), validUntil: Date(timeIntervalSince1970: Double(lastDay) * 86_400), keyVersion: keyVersion
        )
        guard !pass.hasExpired(at: now) else { throw .expired }
        return pass
    }

    /// True once the pass's last valid day has ended.
    public func hasExpired(at now: Date) -> Bool { Self.dayNumber(now) > Self.dayNumber(validUntil) }

    private func encodedBody() throws -> Data {
        guard let province = UInt8(provinceCode), let ward = UInt64(wardCode), venueID >= 0 else {
            throw Failure.malformed("province and ward must be numeric codes")
        }
        var bytes: [UInt8] = [Self.formatVersion, keyVersion]
        bytes += Self.varint(UInt64(venueID))
        bytes.append(type.wireCode)
        bytes.append(province)
        bytes += Self.varint(ward)
        bytes += Self.varint(UInt64(Self.dayNumber(validUntil)))
        let nameBytes = Array(name.utf8)
        bytes.append(UInt8(nameBytes.count))
        bytes += nameBytes
        return Data(bytes)
    }

    static func dayNumber(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// `name` cut to ``maximumNameBytes`` of UTF-8 without splitting a character.
    static func truncated(_ name: String) -> String {
        var result = ""
        for character in name {
            guard result.utf8.count + String(character).utf8.count <= maximumNameBytes else { break }
            result.append(character)
        }
        return result
    }

    /// LEB128: seven bits a byte, low first.
    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        repeat {
            bytes.append(UInt8(value & 0x7F) | (value > 0x7F ? 0x80 : 0))
            value >>= 7
        } while value > 0
        return bytes
    }
}

/// Reads a pass's fields, refusing to run past the end.
private struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    var isAtEnd: Bool { position == bytes.count }

    mutating func byte() throws(VenuePass.Failure) -> UInt8 {
        guard position < bytes.count else { throw .malformed("too short") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func bytes(_ count: Int) throws(VenuePass.Failure) -> [UInt8] {
        guard position + count <= bytes.count else { throw .malformed("too short") }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    mutating func varint() throws(VenuePass.Failure) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 7) {
            let next = try byte()
            value |= UInt64(next & 0x7F) << UInt64(shift)
            if next & 0x80 == 0 { return value }
        }
        throw .malformed("a number is too long")
    }
}
