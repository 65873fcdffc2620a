/// The GSM 03.38 default alphabet (3GPP TS 23.038 §6.2.1) and its extension table: one septet
/// per character, two (escape 0x1B and the code) for `^ { } \ [ ~ ] | €` and form feed.
public enum GSM7Alphabet {
    /// The basic table in code order (0x00–0x7F); 0x1B, the escape, stands for nothing.
    static let basic: [Unicode.Scalar] = Array(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u{1B}ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà".unicodeScalars
    )
    /// The extension table: character → code after the escape.
    static let extended: [Unicode.Scalar: UInt8] = [
        "\u{0C}": 0x0A, "^": 0x14, "{": 0x28, "}": 0x29, "\\": 0x2F, "[": 0x3C, "~": 0x3D, "]": 0x3E, "|": 0x40, "€": 0x65,
    ]
    static let escape: UInt8 = 0x1B
    private static let basicCodes: [Unicode.Scalar: UInt8] = {
        var codes: [Unicode.Scalar: UInt8] = [:]
        for (code, character) in basic.enumerated() where code != Int(escape) { codes[character] = UInt8(code) }
        return codes
    }()
    private static let extendedCharacters = Dictionary(uniqueKeysWithValues: extended.map { ($1, $0) })

    /// The septets of `scalar`: one, two (escape and code), or nil when it is not in the alphabet.
    public static func septets(of scalar: Unicode.Scalar) -> [UInt8]? {
        if let code = basicCodes[scalar] { return [code] }
        if let code = extended[scalar] { return [escape, code] }
        return nil
    }

    /// The unpacked septets of `text` (one per byte, as SMPP carries `data_coding` 0), or nil
    /// when a character is not in the alphabet.
    public static func encode(_ text: String) -> [UInt8]? {
        var septets: [UInt8] = []
        for scalar in text.unicodeScalars {
            guard let codes = Self.septets(of: scalar) else { return nil }
            septets += codes
        }
        return septets
    }

    /// The text of unpacked septets (one per byte), or nil when they are not GSM 03.38.
    public static func decode(_ septets: [UInt8]) -> String? {
        var text = ""
        var index = septets.startIndex
        while index < septets.endIndex {
            let septet = septets[index]
            guard septet < 0x80 else { return nil }
            if septet == escape {
                index += 1
                guard index < septets.endIndex, let scalar = extendedCharacters[septets[index]] else { return nil }
                text.unicodeScalars.append(scalar)
            } else {
                text.unicodeScalars.append(basic[Int(septet)])
            }
            index += 1
        }
        return text
    }
}
