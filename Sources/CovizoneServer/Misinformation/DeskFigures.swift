import CovizoneCore
import CovizoneStore
import Foundation
import Misinformation

/// The desk's statistics over the last days: tips a day, claims by status, the median time to a
/// verdict, and takedown outcomes per platform.
struct DeskFigures: Sendable {
    let figures: DeskFiguresRepository
    let clock: WallClock

    struct Summary: Sendable {
        var days: [(day: Int, tips: Int)]
        var claimsByStatus: [(status: ClaimStatus, claims: Int)]
        /// Hours from first seen to verdict, the median (nil: none decided in the period).
        var medianHoursToVerdict: Double?
        /// Per platform: outcome (`open` while none) → requests, and how many ran overdue.
        var takedowns: [(platform: String, outcomes: [String: Int], overdue: Int)]
    }

    func summary(by principal: Principal, days: Int) async throws -> Summary {
        let today = VietnamDay.number(of: clock.now)
        let first = today - days + 1
        let since = VietnamDay.start(ofNumber: first)
        let provinces = DeskScope.readable(by: principal)
        let tips = try await figures.tipsPerDay(provinces: provinces, since: since)
        let statuses = try await figures.claimsByStatus(provinces: provinces)
        let times = try await figures.decisionTimes(provinces: provinces, since: since).sorted()
        var platforms: [String: (outcomes: [String: Int], overdue: Int)] = [:]
        for request in try await figures.takedowns(provinces: provinces, since: since, now: clock.now) {
            platforms[request.platform, default: ([:], 0)].outcomes[request.outcome ?? "open", default: 0] += 1
            if request.overdue { platforms[request.platform, default: ([:], 0)].overdue += 1 }
        }
        return Summary(
            days: (first...today).map { ($0, tips[$0] ?? 0) },
            claimsByStatus: ClaimStatus.allCases.map { ($0, statuses[$0] ?? 0) },
            medianHoursToVerdict: Self.median(times).map { $0 / 3600 },
            takedowns: platforms.keys.sorted().map { ($0, platforms[$0]!.outcomes, platforms[$0]!.overdue) }
        )
    }

    static func median(_ sorted: [Int64]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }
}
