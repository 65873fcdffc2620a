import CovizoneCore
import Foundation

/// One case as the figures read it: its province and the events its facilities reported.
public struct CaseHistory: Sendable, Equatable {
    public var patientID: Int64
    public var provinceCode: String?
    public var events: [CaseTimeline.Event]

    public init(patientID: Int64, provinceCode: String?, events: [CaseTimeline.Event]) {
        self.patientID = patientID
        self.provinceCode = provinceCode
        self.events = events
    }
}

/// The ministry's daily figures for one province (or the country) and day: cases newly
/// suspected, confirmed, recovered and deceased that day (Vietnam time), and at the day's end the
/// active cases (confirmed and not closed: a suspect in isolation is not one) and the beds
/// occupied in each facility (cases, confirmed or not, whose latest admission or isolation that
/// facility reported).
public struct DailyCaseFigures: Sendable, Equatable {
    /// The day number (``VietnamDay``).
    public var day: Int
    public var newSuspected = 0
    public var newConfirmed = 0
    public var recovered = 0
    public var deceased = 0
    public var active = 0
    /// Beds occupied at the day's end, by facility account.
    public var bedsByFacility: [Int64: Int] = [:]

    public init(day: Int) {
        self.day = day
    }

    /// Beds occupied at the day's end, all facilities together.
    public var bedsOccupied: Int { bedsByFacility.values.reduce(0, +) }
}

/// Daily figures worked out from case histories, so that every view and export counts alike.
public enum CaseFigures {
    /// The figures of each day in `days`, by province (nil: cases with no province), for the
    /// cases in `histories`. A case counts as newly suspected on the day it opened as a suspicion
    /// (a case first reported confirmed is counted once, as confirmed).
    public static func daily(_ histories: [CaseHistory], days: ClosedRange<Int>) -> [String?: [DailyCaseFigures]] {
        var figures: [String?: [DailyCaseFigures]] = [:]
        for history in histories {
            if figures[history.provinceCode] == nil { figures[history.provinceCode] = days.map(DailyCaseFigures.init(day:)) }
            add(history, to: &figures[history.provinceCode, default: []], days: days)
        }
        return figures
    }

    /// The figures of each day in `days` for all of `histories` together.
    public static func total(_ histories: [CaseHistory], days: ClosedRange<Int>) -> [DailyCaseFigures] {
        total(of: daily(histories, days: days), days: days)
    }

    /// The provinces' figures of ``daily(_:days:)`` added up, day by day (each case read once).
    public static func total(of byProvince: [String?: [DailyCaseFigures]], days: ClosedRange<Int>) -> [DailyCaseFigures] {
        var total = days.map(DailyCaseFigures.init(day:))
        for figures in byProvince.values {
            for (slot, day) in figures.enumerated() {
                total[slot].newSuspected += day.newSuspected
                total[slot].newConfirmed += day.newConfirmed
                total[slot].recovered += day.recovered
                total[slot].deceased += day.deceased
                total[slot].active += day.active
                total[slot].bedsByFacility.merge(day.bedsByFacility, uniquingKeysWith: +)
            }
        }
        return total
    }

    private static func add(_ history: CaseHistory, to figures: inout [DailyCaseFigures], days: ClosedRange<Int>) {
        let steps = CaseTimeline(history.events).steps
        for step in steps {
            let day = VietnamDay.number(of: step.at)
            guard days.contains(day) else { continue }
            let slot = day - days.lowerBound
            switch step.milestone {
            case .suspected?: figures[slot].newSuspected += 1
            case .confirmed?: figures[slot].newConfirmed += 1
            case .recovered?: figures[slot].recovered += 1
            case .deceased?: figures[slot].deceased += 1
            default: break
            }
        }
        var next = 0
        var current: CaseProgress?
        for day in days {
            let end = VietnamDay.start(ofNumber: day + 1)
            while next < steps.count, steps[next].at < end {
                current = steps[next].progress
                next += 1
            }
            guard let current else { continue }
            let slot = day - days.lowerBound
            if current.isActive { figures[slot].active += 1 }
            if let holder = current.bedHolder { figures[slot].bedsByFacility[holder, default: 0] += 1 }
        }
    }
}
