import Foundation

/// The short code a declarant gets and shows at the border: 8 characters of Crockford's base32
/// (no I, L, O or U, so nothing is misread), written `XXXX-XXXX`. 40 random bits: guessing one
/// is hopeless, and reading a declaration by code needs an officer's account anyway.
public enum DeclarationCode {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    public static let length = 8

    /// A new random code.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// The stored form of a code as typed or scanned: case, spaces and dashes ignored, O read as
    /// 0 and I or L as 1, or a check-in URL ending in the code; nil when it cannot be a code.
    public static func normalized(_ text: String) -> String? {
        let tail = text.split(separator: "/").last.map(String.init) ?? text
        let code = String(
            tail.uppercased().filter { !$0.isWhitespace && $0 != "-" }.map { character -> Character in
                switch character {
                case "O": "0"
                case "I", "L": "1"
                default: character
                }
            }
        )
        guard code.count == length, code.allSatisfy(alphabet.contains) else { return nil }
        return code
    }

    /// `XXXX-XXXX`, as shown to people.
    public static func display(_ code: String) -> String {
        code.count == length ? "\(code.prefix(4))-\(code.suffix(4))" : code
    }
}
