import Foundation

/// Calendar days as Vietnam counts them (UTC+7, no daylight saving), written `YYYY-MM-DD`.
public enum VietnamDay {
    /// Seconds Vietnam's clocks are ahead of UTC.
    public static let utcOffset = 7 * 3600

    /// The day number since 1970-01-01 (Vietnam time) that contains `date`.
    public static func number(of date: Date) -> Int {
        Int(((date.timeIntervalSince1970 + Double(utcOffset)) / 86_400).rounded(.down))
    }

    /// `YYYY-MM-DD` of day `number`.
    public static func string(ofNumber number: Int) -> String {
        let date = Date(timeIntervalSince1970: Double(number) * 86_400)
        let parts = Calendar(identifier: .gregorian).dateComponents(in: .gmt, from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// `YYYY-MM-DD` of the Vietnamese day that contains `date`.
    public static func string(of date: Date) -> String { string(ofNumber: number(of: date)) }
}
