import Foundation

/// Writes CSV rows (RFC 4180, CRLF) that spreadsheets open safely: fields with commas, quotes or
/// line breaks are quoted, and a text that a spreadsheet would run as a formula (`=`, `@`, or a
/// `+`/`-` that does not start a plain number such as `+84912345678`) gets a leading apostrophe.
public enum CSVWriter {
    /// One row, ending in CRLF.
    public static func row(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\r\n"
    }

    static func escape(_ field: String) -> String {
        var text = field
        if let first = text.first, "=@\t\r".contains(first) || ("+-".contains(first) && !text.dropFirst().allSatisfy(\.isNumber)) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
