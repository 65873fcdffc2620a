import CovizoneCore
import Foundation

/// How the desk reads a post or a tip: Unicode NFC, lower case, syllables of letters and digits.
/// Matching two texts folds the diacritics away (people write "vac xin" for "vắc xin"); the
/// classifier also keeps each syllable as written, where `đ` and `d` (`đi`, `di`) are different words.
/// Both are read scalar by scalar (a million posts a minute is the goal).
public enum ClaimText {
    /// Folded syllables nearly every Vietnamese text uses — function words, pronouns, particles,
    /// tense and degree markers — which say little about what a claim is.
    public static let commonSyllables: Set<String> = [
        "a", "ai", "anh", "ba", "bi", "boi", "cac", "cai", "can", "chi", "cho", "chu", "co", "con", "cu", "cua", "cung", "da", "dang", "day", "de", "den",
        "deu", "di", "do", "duoc", "em", "gi", "ha", "hay", "hoac", "hon", "khi", "khong", "la", "lai", "lam", "len", "ma", "minh", "moi", "mot", "nay",
        "ne", "neu", "nen", "nha", "nhe", "nhieu", "nhu", "nhung", "noi", "nua", "o", "oi", "qua", "ra", "rang", "rat", "roi", "se", "tai", "thi", "the",
        "theo", "thoi", "thuc", "toi", "trong", "tu", "va", "vao", "vay", "ve", "vi", "voi",
    ]

    /// Syllables longer than this are cut (a pasted blob is not a word).
    static let maximumSyllableLength = 40

    /// The syllables of `text` as written, in lower case ("Vắc-xin ĐỘC hại!" → `["vắc", "xin", "độc", "hại"]`).
    public static func syllables(_ text: String) -> [String] {
        var syllables: [String] = []
        var current = String.UnicodeScalarView()
        var length = 0
        func finish() {
            guard !current.isEmpty else { return }
            syllables.append(String(current))
            current = String.UnicodeScalarView()
            length = 0
        }
        // Composing is needed only where combining accents are (most texts come composed).
        let composed = text.unicodeScalars.contains { (0x300...0x36F).contains($0.value) } ? text.precomposedStringWithCanonicalMapping : text
        for scalar in composed.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x61...0x7A:
                if length < maximumSyllableLength { current.append(scalar) }
                length += 1
            case 0x41...0x5A:
                if length < maximumSyllableLength, let lower = Unicode.Scalar(scalar.value + 32) { current.append(lower) }
                length += 1
            case 0..<0x80: finish()
            default:
                guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else {
                    finish()
                    continue
                }
                if length < maximumSyllableLength { current.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars) }
                length += 1
            }
        }
        finish()
        return syllables
    }

    /// A syllable without its diacritics, `đ` as `d` ("độc" → "doc").
    public static func folded(_ syllable: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in syllable.unicodeScalars {
            if scalar.isASCII {
                scalars.append(scalar)
            } else if let base = VietnameseText.baseLetter(of: scalar) {
                scalars.append(Unicode.Scalar(base))
            } else {
                scalars.append(contentsOf: VietnameseText.withoutDiacritics(String(scalar)).unicodeScalars)
            }
        }
        return String(scalars)
    }
}
