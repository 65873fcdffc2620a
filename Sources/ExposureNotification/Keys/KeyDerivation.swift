import Crypto
import Foundation

/// HKDF-SHA256 without salt and with a 16-byte output (RFC 5869), the derivation of RPIK and AEMK.
///
/// Written on swift-crypto's SHA-256 rather than its generic `HKDF` because matching derives one
/// key per published diagnosis key: the states after the constant zero-salt pads are computed
/// once, and nothing is allocated on the way. Checked against `HKDF<SHA256>` in the tests.
enum KeyDerivation {
    /// SHA-256 after absorbing (zero salt ⊕ ipad) and (zero salt ⊕ opad): the salt is 32 zero bytes.
    private static let zeroSaltInner: SHA256 = pad(0x36)
    private static let zeroSaltOuter: SHA256 = pad(0x5c)

    /// The first 16 bytes of `HKDF-SHA256(ikm, salt: none, info)`.
    static func derive(inputKeyMaterial ikm: Data, info: StaticString) -> SymmetricKey {
        // Extract: PRK = HMAC(zero salt, IKM).
        var inner = zeroSaltInner
        inner.update(data: ikm)
        var outer = zeroSaltOuter
        inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
        let prk = outer.finalize()
        // Expand: T(1) = HMAC(PRK, info ‖ 0x01); the key is its first 16 bytes.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { block in
            let raw = UnsafeMutableRawBufferPointer(block)
            raw.initializeMemory(as: UInt8.self, repeating: 0)
            prk.withUnsafeBytes { raw.copyMemory(from: $0) }
            for index in 0..<64 { block[index] ^= 0x36 }
            var expandInner = SHA256()
            expandInner.update(bufferPointer: UnsafeRawBufferPointer(raw))
            info.withUTF8Buffer { expandInner.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            withUnsafeBytes(of: UInt8(1)) { expandInner.update(bufferPointer: $0) }
            for index in 0..<64 { block[index] ^= 0x36 ^ 0x5c }
            var expandOuter = SHA256()
            expandOuter.update(bufferPointer: UnsafeRawBufferPointer(raw))
            expandInner.finalize().withUnsafeBytes { expandOuter.update(bufferPointer: $0) }
            return expandOuter.finalize().withUnsafeBytes { SymmetricKey(data: UnsafeRawBufferPointer(rebasing: $0.prefix(16))) }
        }
    }

    private static func pad(_ byte: UInt8) -> SHA256 {
        var hash = SHA256()
        hash.update(data: [UInt8](repeating: byte, count: 64))
        return hash
    }
}
