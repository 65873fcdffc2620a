import CovizoneCore
import Foundation

/// One case's status over time, as the figures read it: each change with the facility that
/// reported it, oldest first.
public struct CaseHistory: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public var status: CaseStatus
        /// The facility account that reported the change (nil: an officer's or the exchange's own).
        public var facility: Int64?
        public var at: Date

        public init(status: CaseStatus, facility: Int64?, at: Date) {
            self.status = status
            self.facility = facility
            self.at = at
        }
    }

    public var patientID: Int64
    public var provinceCode: String?
    public var changes: [Change]

    public init(patientID: Int64, provinceCode: String?, changes: [Change]) {
        self.patientID = patientID
        self.provinceCode = provinceCode
        self.changes = changes
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
        var figures = days.map(DailyCaseFigures.init(day:))
        for history in histories { add(history, to: &figures, days: days) }
        return figures
    }

    private static func add(_ history: CaseHistory, to figures: inout [DailyCaseFigures], days: ClosedRange<Int>) {
        let changes = history.changes
        for (index, change) in changes.enumerated() {
            let day = VietnamDay.number(of: change.at)
            guard days.contains(day) else { continue }
            let slot = day - days.lowerBound
            switch change.status {
            case .suspected where index == 0: figures[slot].newSuspected += 1
            case .confirmed: figures[slot].newConfirmed += 1
            case .recovered: figures[slot].recovered += 1
            case .deceased: figures[slot].deceased += 1
            default: break
            }
        }
        var next = 0
        var progress = CaseProgress()
        var started = false
        var bedAt: Int64?
        for day in days {
            let end = VietnamDay.start(ofNumber: day + 1)
            while next < changes.count, changes[next].at < end {
                let change = changes[next]
                progress.replay(change.status)
                started = true
                switch change.status {
                case .admitted, .isolated: bedAt = change.facility
                case .recovered, .deceased, .transferred, .cleared: bedAt = nil
                case .suspected, .confirmed: break
                }
                next += 1
            }
            guard started else { continue }
            let slot = day - days.lowerBound
            if progress.isActive { figures[slot].active += 1 }
            if let bedAt { figures[slot].bedsByFacility[bedAt, default: 0] += 1 }
        }
    }
}
