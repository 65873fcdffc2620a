import Foundation

/// Dates that come from outside (a form, a JSON body, a file): only instants between the years
/// 1900 and 9999 are taken, so that no later arithmetic or storage of them can overflow.
public enum InputDate {
    /// 1900-01-01T00:00:00Z.
    public static let earliest = Date(timeIntervalSince1970: -2_208_988_800)
    /// 9999-12-31T23:59:59Z.
    public static let latest = Date(timeIntervalSince1970: 253_402_300_799)

    /// The instant an ISO 8601 date and time names; nil when it is not one or lies outside
    /// ``earliest`` … ``latest``.
    public static func iso8601(_ text: String) -> Date? {
        (try? Date(text, strategy: .iso8601)).flatMap(bounded)
    }

    /// `date` when it lies within ``earliest`` … ``latest``.
    public static func bounded(_ date: Date) -> Date? {
        (earliest...latest).contains(date) ? date : nil
    }
}
