import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// Check-ins per hour, per venue type and per province over the last hours (counts only, no
/// personal data), as the API answers them.
struct CheckInStatistics: ResponseEncodable {
    static let readers: Set<Role> = [.provinceOfficer, .healthAuthority, .ministryAdmin]
    static let defaultHours = 24
    static let hourRange = 1...168

    struct HourCount: Encodable, Sendable {
        var hour: Date
        var count: Int
    }

    struct TypeCount: Encodable, Sendable {
        var type: String
        var count: Int
    }

    struct ProvinceCount: Encodable, Sendable {
        var provinceCode: String
        var count: Int
    }

    var since: Date
    var hours: Int
    var total: Int
    var perHour: [HourCount]
    var perVenueType: [TypeCount]
    var perProvince: [ProvinceCount]

    init(since: Date, hours: Int, counts: CheckInCounts) {
        self.since = since
        self.hours = hours
        total = counts.total
        perHour = counts.perHour.map { HourCount(hour: Self.hourStart($0), count: $0.count) }
        perVenueType = counts.perVenueType.map { TypeCount(type: $0.key, count: $0.count) }
        perProvince = counts.perProvince.map { ProvinceCount(provinceCode: $0.key, count: $0.count) }
    }

    /// The start of an hour counted by the store (its key holds Unix seconds).
    static func hourStart(_ count: CheckInCounts.Count) -> Date {
        Date(timeIntervalSince1970: Double(count.key) ?? 0)
    }
}
