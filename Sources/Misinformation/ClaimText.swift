import CovizoneCore
import Foundation

/// How the desk reads a post or a tip: Unicode NFC, lower case, syllables of letters and digits.
/// Matching two texts folds the diacritics away (people write "vac xin" for "vắc xin"); the
/// classifier also keeps each syllable as written, where `đ` and `d` (`đi`, `di`) are different words.
public enum ClaimText {
    /// Syllables longer than this are cut (a pasted blob is not a word).
    static let maximumSyllableLength = 40

    /// The syllables of `text` as written, in lower case ("Vắc-xin ĐỘC hại!" → `["vắc", "xin", "độc", "hại"]`).
    public static func syllables(_ text: String) -> [String] {
        text.precomposedStringWithCanonicalMapping.lowercased()
            .split { !($0.isLetter || $0.isNumber) }
            .map { String($0.prefix(maximumSyllableLength)) }
    }

    /// A syllable without its diacritics, `đ` as `d` ("độc" → "doc").
    public static func folded(_ syllable: String) -> String {
        VietnameseText.withoutDiacritics(syllable)
    }
}
