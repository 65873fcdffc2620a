/// Texts the server writes back to phones kept to the GSM alphabet and two parts: dashes,
/// quotes and the like become their plain forms, anything else outside the alphabet is left out,
/// and a long text is cut at a word with `...`.
public enum PlainSMSText {
    /// Two GSM-7 parts.
    public static let maximumLength = 306

    public static func fitted(_ text: String, maximumLength: Int = maximumLength) -> String {
        let plain: [Character: String] = ["–": "-", "—": "-", "‘": "'", "’": "'", "“": "\"", "”": "\"", "…": "...", "•": "-", "\u{00A0}": " "]
        var text = text.unicodeScalars.map { scalar in
            plain[Character(scalar)] ?? (GSM7Alphabet.septets(of: scalar) == nil ? "" : String(scalar))
        }.joined()
        text = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        guard text.count > maximumLength else { return text }
        let cut = text.prefix(maximumLength - 3)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "..."
    }
}
