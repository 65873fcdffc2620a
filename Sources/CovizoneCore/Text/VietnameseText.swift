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
}
