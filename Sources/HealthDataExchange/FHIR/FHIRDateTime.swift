import Foundation

/// FHIR's `date` and `dateTime` as clients write them: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a time
/// to the second (fractions allowed) with its zone. A date without a time is read as its start in
/// Vietnam (UTC+7).
public enum FHIRDateTime {
    /// The moment `text` names (a partial date: its first moment); nil when it is not one.
    public static func parse(_ text: String) -> Date? {
        if text.count > 10 {
            return (try? Date(text, strategy: Date.ISO8601FormatStyle())) ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...3).contains(parts.count), !parts.contains(nil), text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else { return nil }
        let numbers = parts.compactMap { $0 }
        guard text.split(separator: "-").first?.count == 4, (1800...2200).contains(numbers[0]) else { return nil }
        var components = DateComponents(year: numbers[0], month: numbers.count > 1 ? numbers[1] : 1, day: numbers.count > 2 ? numbers[2] : 1)
        guard (1...12).contains(components.month ?? 0), (1...31).contains(components.day ?? 0) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        components.calendar = calendar
        guard components.isValidDate, let date = calendar.date(from: components) else { return nil }
        return date
    }

    /// `date` as a FHIR instant in UTC (`2027-01-14T01:30:00Z`).
    public static func instant(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
