import CovizoneCore
import Foundation

/// Hours of the Vietnamese day (UTC+7) when nothing is sent, from `start` to `end` minutes after
/// midnight (22:00–07:00 by default, across midnight when `start` > `end`).
public struct QuietHours: Sendable, Equatable, Codable {
    public var start: Int
    public var end: Int

    public init(start: Int = 22 * 60, end: Int = 7 * 60) {
        self.start = start
        self.end = end
    }

    /// No quiet hours.
    public static let none = QuietHours(start: 0, end: 0)

    /// True when `date` falls in the quiet hours.
    public func contains(_ date: Date) -> Bool {
        let minute = Self.minuteOfDay(date)
        if start == end { return false }
        return start < end ? (start..<end).contains(minute) : minute >= start || minute < end
    }

    /// `date`, or the end of the quiet hours it falls in.
    public func nextAllowed(from date: Date) -> Date {
        guard contains(date) else { return date }
        let minute = Self.minuteOfDay(date)
        let wait = (end - minute + 1440) % 1440
        let startOfMinute = date.timeIntervalSince1970 - date.timeIntervalSince1970.truncatingRemainder(dividingBy: 60)
        return Date(timeIntervalSince1970: startOfMinute + Double(wait * 60))
    }

    static func minuteOfDay(_ date: Date) -> Int {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + VietnamDay.utcOffset
        return ((seconds % 86_400 + 86_400) % 86_400) / 60
    }
}

/// When a campaign's rounds go out: a first round at `start`, then optionally one every
/// `repeatEveryDays` days until `until`; a round due in the quiet hours waits for their end.
public struct CampaignSchedule: Sendable, Equatable, Codable {
    public var start: Date
    public var repeatEveryDays: Int?
    public var until: Date?
    public var quietHours: QuietHours

    public init(start: Date, repeatEveryDays: Int? = nil, until: Date? = nil, quietHours: QuietHours = QuietHours()) {
        self.start = start
        self.repeatEveryDays = repeatEveryDays
        self.until = until
        self.quietHours = quietHours
    }

    /// Most rounds one campaign may have.
    public static let maximumRounds = 366

    /// The problems of this schedule, by field (empty when it is sound).
    public var problems: [FieldError] {
        var problems: [FieldError] = []
        if let days = repeatEveryDays {
            if !(1...365).contains(days) { problems.append(FieldError(field: "repeatEveryDays", message: "must be from 1 to 365")) }
            if until == nil { problems.append(FieldError(field: "until", message: "is required when rounds repeat")) }
        }
        if let until, until < start { problems.append(FieldError(field: "until", message: "must not be before the start")) }
        for (field, minute) in [("quietHours.start", quietHours.start), ("quietHours.end", quietHours.end)] where !(0..<1440).contains(minute) {
            problems.append(FieldError(field: field, message: "must be a minute of the day (0 to 1439)"))
        }
        if problems.isEmpty, roundTimes().count > Self.maximumRounds {
            problems.append(FieldError(field: "until", message: "gives more than \(Self.maximumRounds) rounds"))
        }
        return problems
    }

    /// The planned time of each round (before quiet hours move it).
    public func roundTimes() -> [Date] {
        guard let days = repeatEveryDays, days > 0, let until else { return [start] }
        var times: [Date] = []
        var time = start
        while time <= until, times.count <= Self.maximumRounds {
            times.append(time)
            time += Double(days) * 86_400
        }
        return times
    }

    /// When each round may start: its planned time, moved out of the quiet hours.
    public func sendingTimes() -> [Date] {
        roundTimes().map(quietHours.nextAllowed(from:))
    }
}
