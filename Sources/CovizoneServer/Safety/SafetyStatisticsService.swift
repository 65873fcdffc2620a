import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation

/// The officers' figures: who self-checked today, the colours over the last two weeks, and the
/// facilities red for three days running.
struct SafetyStatisticsService: Sendable {
    let facilities: FacilityRepository
    let selfChecks: SelfCheckRepository
    let clock: WallClock
    static let days = 14
    static let streakDays = 3

    /// The share of facilities of one group (a province or a type) that self-checked today.
    struct Share: Sendable, Equatable {
        var key: String
        var facilities: Int
        var reported: Int
    }

    /// One day's colours: each facility's last self-check of the day, and those without one.
    struct Day: Sendable, Equatable {
        var day: String
        var counts: [SafetyStatus: Int]
    }

    struct Figures: Sendable {
        var byProvince: [Share]
        var byType: [Share]
        var days: [Day]
        /// Red for each of the last three days.
        var unsafeForThreeDays: [FacilityRecord]
    }

    /// The figures of `principal`'s province, or of `province` (or the country) for a national account.
    func figures(province: String?, by principal: Principal) async throws -> Figures {
        if let province, !principal.scope.covers(provinceCode: province) { throw SafetyError.outsideProvince(allowed: principal.scope.provinceCode) }
        let provinceCode = principal.scope.provinceCode ?? province
        let today = VietnamDay.number(of: clock.now)
        let byProvince = try await facilities.reportingCounts(today: today, provinceCode: provinceCode, by: .province)
        let byType = try await facilities.reportingCounts(today: today, provinceCode: provinceCode, by: .type)
        let total = byProvince.reduce(0) { $0 + $1.facilities }
        let counted = try await selfChecks.statusCountsByDay(from: today - Self.days + 1, to: today, provinceCode: provinceCode)
        let days = ((today - Self.days + 1)...today).map { day in
            var counts: [SafetyStatus: Int] = [:]
            for row in counted where row.day == day { counts[row.status] = row.count }
            counts[.notReported] = max(0, total - counts.values.reduce(0, +))
            return Day(day: VietnamDay.string(ofNumber: day), counts: counts)
        }
        var streaks: [FacilityRecord] = []
        for id in try await selfChecks.unsafeStreaks(days: Self.streakDays, today: today, provinceCode: provinceCode).prefix(200) {
            if let facility = try await facilities.find(id: id) { streaks.append(facility) }
        }
        return Figures(
            byProvince: byProvince.map { Share(key: $0.key, facilities: $0.facilities, reported: $0.reported) },
            byType: byType.map { Share(key: $0.key, facilities: $0.facilities, reported: $0.reported) }, days: days, unsafeForThreeDays: streaks
        )
    }
}
