import CovizoneCore
import Foundation

/// How search reads text: words of letters and digits, in lower case and without diacritics, so
/// that `cach ly tai nha` and "Cách ly tại nhà" are the same four terms.
public enum SearchText {
    /// Terms longer than this are cut (nobody types them; a pasted blob should not cost memory).
    public static let maximumTermLength = 40

    /// The terms of `text`, in order ("F0 ở đâu?" → `["f0", "o", "dau"]`).
    public static func terms(_ text: String) -> [String] {
        VietnameseText.withoutDiacritics(text).lowercased()
            .split { !($0.isLetter || $0.isNumber) }
            .map { String($0.prefix(maximumTermLength)) }
    }

    /// The key under which two adjacent terms are indexed together ("cach ly"), so that words
    /// of two syllables rank above the syllables found apart.
    static func pair(_ first: String, _ second: String) -> String {
        first + " " + second
    }
}
