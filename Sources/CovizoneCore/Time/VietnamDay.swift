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

    /// The day number of `text` written `YYYY-MM-DD`, or nil when it is not a real date
    /// (`2021-02-30`, `2021-2-3` and years before 1900 are not).
    public static func number(from text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), year >= 1900
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        return Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// The instant day `number` begins in Vietnam (midnight, UTC+7).
    public static func start(ofNumber number: Int) -> Date {
        Date(timeIntervalSince1970: Double(number * 86_400 - utcOffset))
    }

    /// `YYYY-MM-DD` of the Vietnamese day that contains `date`.
    public static func string(of date: Date) -> String { string(ofNumber: number(of: date)) }
}

/// Wall-clock times in Vietnam as forms show them: `YYYY-MM-DDTHH:MM` (an HTML `datetime-local`).
public enum VietnamLocalTime {
    /// The instant a Vietnamese wall-clock time names; nil when it is not
    /// `YYYY-MM-DDTHH:MM[:SS]` of a year from 1900 to 9999.
    public static func date(from text: String) -> Date? {
        let parts = text.split(whereSeparator: { "-T:".contains($0) }).map { Int($0) }
        guard (5...6).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return nil }
        let numbers = parts.map { $0 ?? 0 }
        var components = DateComponents(year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers[3], minute: numbers[4])
        components.second = numbers.count == 6 ? numbers[5] : 0
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: VietnamDay.utcOffset) ?? .gmt
        guard (1900...9999).contains(numbers[0]), components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    /// `YYYY-MM-DDTHH:MM` in Vietnam of `date`.
    public static func string(of date: Date) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: .gmt, from: date + Double(VietnamDay.utcOffset))
        return String(format: "%04d-%02d-%02dT%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }

    /// `YYYY-MM-DD HH:MM` in Vietnam of `date`, as people read it (texts, printed reports).
    public static func readable(_ date: Date) -> String {
        string(of: date).replacingOccurrences(of: "T", with: " ")
    }
}
