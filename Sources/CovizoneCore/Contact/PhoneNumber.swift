/// A Vietnamese phone number in E.164 form (`+84…`), read from the ways people write them:
/// `0912 345 678`, `+84 912 345 678`, `84912345678`, with spaces, dots, dashes or parentheses.
public struct PhoneNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    /// `+84` and the 9 or 10 digits of the national number.
    public let e164: String

    /// Nil when `text` is not a Vietnamese mobile or landline number.
    public init?(_ text: String) {
        var digits = ""
        for (index, character) in text.enumerated() {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character == "+", index == 0 {
                continue
            } else if !" .-()".contains(character) {
                return nil
            }
        }
        let national: Substring
        if digits.hasPrefix("84"), digits.count >= 11 {
            national = digits.dropFirst(2)
        } else if digits.hasPrefix("0") {
            national = digits.dropFirst()
        } else {
            return nil
        }
        guard (9...10).contains(national.count), national.first != "0" else { return nil }
        e164 = "+84" + national
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = PhoneNumber(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a Vietnamese phone number"))
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(e164)
    }

    public var description: String { e164 }
}
