import CovizoneCore
import Foundation

/// How search reads text: words of letters and digits, in lower case and without diacritics, so
/// that `cach ly tai nha` and "Cách ly tại nhà" are the same four terms.
public enum SearchText {
    /// Terms longer than this are cut (nobody types them; a pasted blob should not cost memory).
    public static let maximumTermLength = 40

    /// The terms of `text`, in order ("F0 ở Đà Nẵng?" → `["f0", "o", "da", "nang"]`).
    public static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        var current: [UInt8] = []
        func finish() {
            guard !current.isEmpty else { return }
            terms.append(String(decoding: current.prefix(maximumTermLength), as: UTF8.self))
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x30...0x39, 0x61...0x7A: current.append(UInt8(value))
            case 0x41...0x5A: current.append(UInt8(value + 32))
            case 0..<0x80: finish()
            default:
                if let letter = VietnameseText.baseLetter(of: scalar) {
                    current.append(letter | 0x20)
                } else if scalar.properties.generalCategory == .nonspacingMark {
                    continue  // a combining accent of a decomposed letter
                } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    current.append(contentsOf: Array(VietnameseText.withoutDiacritics(String(scalar)).lowercased().utf8))
                } else {
                    finish()
                }
            }
        }
        finish()
        return terms
    }

    /// The key under which two adjacent terms are indexed together ("cach ly"), so that words
    /// of two syllables rank above the syllables found apart.
    static func pair(_ first: String, _ second: String) -> String {
        first + " " + second
    }
}
