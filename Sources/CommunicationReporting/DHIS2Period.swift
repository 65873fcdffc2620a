import CovizoneCore
import Foundation

/// The DHIS2 period identifier for a round's period, for data value sets (ADX carries the period
/// itself): a day `20200806`, an ISO week `2020W32` when the period is Monday to Sunday, a month
/// `202008` when it is a whole calendar month, else ADX's `2020-08-01/P6D`, which DHIS2's ADX
/// import reads.
public enum DHIS2Period {
    public static func identifier(for period: ADXPeriod) -> String {
        let start = components(ofDay: period.start)
        let compact = String(format: "%04d%02d%02d", start.year, start.month, start.day)
        if period.days == 1 { return compact }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = .gmt
        let startDate = utcDate(ofDay: period.start)
        if period.days == 7, calendar.component(.weekday, from: startDate) == 2 {
            let week = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: startDate)
            return "\(week.yearForWeekOfYear ?? start.year)W\(week.weekOfYear ?? 1)"
        }
        let end = components(ofDay: period.end)
        let nextDay = components(ofDay: period.end + 1)
        if start.day == 1, end.month == start.month, end.year == start.year, nextDay.day == 1 {
            return String(format: "%04d%02d", start.year, start.month)
        }
        return period.description
    }

    /// Whether `identifier` names `period` (either way above).
    public static func matches(_ identifier: String, _ period: ADXPeriod) -> Bool {
        identifier == self.identifier(for: period) || identifier == period.description
    }

    private static func utcDate(ofDay day: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(day) * 86_400) }

    private static func components(ofDay day: Int) -> (year: Int, month: Int, day: Int) {
        let parts = VietnamDay.string(ofNumber: day).split(separator: "-").compactMap { Int($0) }
        return (parts[0], parts[1], parts[2])
    }
}
