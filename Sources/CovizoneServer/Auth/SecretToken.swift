import CovizoneCore
import Crypto
import Foundation

/// A random secret handed to a client (session cookie, bearer token, CSRF token).
/// The server keeps only ``hash``, so a leaked database does not leak working tokens.
struct SecretToken: Sendable {
    /// 256 random bits, base64url without padding.
    let value: String

    init() {
        var generator = SystemRandomNumberGenerator()
        let bytes = Data.random(count: 32, using: &generator)
        value = bytes.base64URLEncodedString
    }

    init(value: String) {
        self.value = value
    }

    /// SHA-256 of the token text: what the sessions table stores and looks up.
    var hash: Data { Data(SHA256.hash(data: Data(value.utf8))) }

    /// Compares two secrets in time that does not depend on where they differ.
    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
