import Foundation

/// Vietnamese text: composed the way phones count it, or written without diacritics (SMS and search).
public enum VietnameseText {
    /// `text` in Unicode Normalization Form C: decomposed Vietnamese (a base letter and
    /// combining marks) would otherwise count several characters for one.
    public static func composed(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
    }

    /// `text` without diacritics: marks removed and Đ/đ written D/d ("Đường" → "Duong").
    public static func withoutDiacritics(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            switch scalar {
            case "Đ": scalars.append("D")
            case "đ": scalars.append("d")
            default: scalars.append(scalar)
            }
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// The ASCII letter under an accented Latin letter, case kept ("ệ" → "e", "Đ" → "D"); nil for
    /// any other scalar. A table over Latin-1 to Latin Extended-B and Latin Extended Additional,
    /// where Vietnamese's letters are: what search and the misinformation desk read letter by letter.
    public static func baseLetter(of scalar: Unicode.Scalar) -> UInt8? {
        baseLetters[scalar.value]
    }

    private static let baseLetters: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for value in Array(0xC0...0x24F) + Array(0x1E00...0x1EFF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let base = withoutDiacritics(String(scalar))
            if base.utf8.count == 1, let byte = base.utf8.first, (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) {
                table[UInt32(value)] = byte
            }
        }
        return table
    }()
}
