import FacilitySafety
import Foundation
import Hummingbird

/// The officers' safety figures as JSON.
struct SafetyFiguresJSON: ResponseEncodable {
    struct Share: Encodable, Sendable {
        var key: String
        var facilities: Int
        var reportedToday: Int
        /// Percentage of facilities that self-checked today, rounded.
        var share: Int
    }

    struct Day: Encodable, Sendable {
        var day: String
        var safe: Int
        var someRisk: Int
        var unsafe: Int
        var notReported: Int
    }

    struct Streak: Encodable, Sendable {
        var id: Int64
        var name: String
        var provinceCode: String
    }

    var byProvince: [Share]
    var byType: [Share]
    var days: [Day]
    var unsafeForThreeDays: [Streak]

    init(_ figures: SafetyStatisticsService.Figures) {
        func share(_ row: SafetyStatisticsService.Share) -> Share {
            Share(key: row.key, facilities: row.facilities, reportedToday: row.reported, share: row.facilities == 0 ? 0 : (200 * row.reported + row.facilities) / (2 * row.facilities))
        }
        byProvince = figures.byProvince.map(share)
        byType = figures.byType.map(share)
        days = figures.days.map {
            Day(day: $0.day, safe: $0.counts[.safe] ?? 0, someRisk: $0.counts[.someRisk] ?? 0, unsafe: $0.counts[.unsafe] ?? 0, notReported: $0.counts[.notReported] ?? 0)
        }
        unsafeForThreeDays = figures.unsafeForThreeDays.map { Streak(id: $0.id, name: $0.details.name, provinceCode: $0.details.provinceCode) }
    }
}
