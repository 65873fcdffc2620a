import CovizoneCore
import CovizoneStore
import Foundation

/// The demo's venues: five in Hà Nội that `demo-venue` owns (approved by `demo-province`), three
/// in Hồ Chí Minh City registered by the ministry; visitors check in across the day's hours, and
/// `demo-health` declares an outbreak at Chợ Bến Thành.
struct DemoVenues: Sendable {
    struct Plan: Sendable {
        var name: String
        var type: String
        var provinceCode: String
        var wardCode: String
        var address: String
        /// Check-ins on an ordinary day.
        var visitsPerDay: Int
    }

    static let plans = [
        Plan(name: "Phở Thìn Lò Đúc", type: "restaurant", provinceCode: "01", wardCode: "00256", address: "13 Lò Đúc", visitsPerDay: 14),
        Plan(name: "Chợ Đồng Xuân", type: "market", provinceCode: "01", wardCode: "00070", address: "Phố Đồng Xuân", visitsPerDay: 24),
        Plan(name: "Siêu thị Cửa Nam", type: "supermarket", provinceCode: "01", wardCode: "00073", address: "28 Điện Biên Phủ", visitsPerDay: 16),
        Plan(name: "Trường THCS Ba Đình", type: "school", provinceCode: "01", wardCode: "00004", address: "1 Đội Cấn", visitsPerDay: 10),
        Plan(name: "Tòa nhà văn phòng Cầu Giấy", type: "office", provinceCode: "01", wardCode: "00167", address: "110 Cầu Giấy", visitsPerDay: 12),
        Plan(name: "Chợ Bến Thành", type: "market", provinceCode: "79", wardCode: "26743", address: "Lê Lợi", visitsPerDay: 22),
        Plan(name: "Nhà hàng Tân Định", type: "restaurant", provinceCode: "79", wardCode: "26737", address: "45 Hai Bà Trưng", visitsPerDay: 12),
        Plan(name: "Bệnh viện Chợ Lớn", type: "hospital", provinceCode: "79", wardCode: "27343", address: "12 Nguyễn Chí Thanh", visitsPerDay: 10),
    ]

    /// Where outbreaks are declared.
    static let outbreakVenue = "Chợ Bến Thành"

    /// How busy each hour of the day is (06:00–21:00), in relative weights.
    static let hourWeights = [6: 2, 7: 4, 8: 5, 9: 4, 10: 3, 11: 5, 12: 6, 13: 3, 14: 2, 15: 2, 16: 3, 17: 5, 18: 6, 19: 5, 20: 3, 21: 1]

    let venues: VenueService
    let checkIns: CheckInService
    let outbreaks: OutbreakService
    let actors: DemoActors
    let time: DemoTime

    /// Registers and approves the venues, on `day` at 07:00.
    func register(on day: Int) async throws {
        time.set(day: day, hour: 7)
        for plan in Self.plans {
            let registration = VenueRegistration(
                name: plan.name, type: plan.type, provinceCode: plan.provinceCode, wardCode: plan.wardCode, address: plan.address,
                latitude: nil, longitude: nil, contactPhone: "0243" + String(format: "%06d", plan.address.count * 1_013)
            )
            if plan.provinceCode == "01" {
                let venue = try await venues.register(registration, by: actors.venueOwner)
                _ = try await venues.approve(venue.id, by: actors.province)
            } else {
                let venue = try await venues.register(registration, by: actors.ministry)
                _ = try await venues.approve(venue.id, by: actors.ministry)
            }
        }
    }

    /// The day's check-ins at every venue, each by one of the demo's visitors, up to `until`;
    /// only in the week before `until` (the dashboard looks back a week at most).
    func checkIns(on day: Int, until: Date) async throws {
        guard day > VietnamDay.number(of: until) - 7 else { return }
        var random = SplitMix64(smallSeed: day)
        for venue in try await demoVenues() {
            guard let plan = Self.plans.first(where: { $0.name == venue.details.name }), let poster = try await venues.checkInURL(for: venue) else { continue }
            let weekend = [5, 6].contains((day + 3) % 7)  // day 0 was a Thursday
            let visits = plan.visitsPerDay * (weekend && plan.type != "school" && plan.type != "office" ? 3 : 2) / 2 + Int.random(in: -3...3, using: &random)
            for _ in 0..<max(1, visits) {
                let at = VietnamDay.start(ofNumber: day) + TimeInterval(Self.randomHour(using: &random) * 3600 + Int.random(in: 0..<3600, using: &random))
                guard at < until else { continue }
                time.set(at)
                let phone = DemoPeople.phone(Int.random(in: 0..<DemoPeople.visitors, using: &random))
                let app = Int.random(in: 0..<10, using: &random) < 3
                _ = try await checkIns.checkIn(qr: poster, phone: phone, deviceID: app ? "demo-" + phone.suffix(6) : nil, time: nil, checkoutToken: nil)
            }
        }
    }

    /// `demo-health` declares an outbreak at the market of Hồ Chí Minh City in the morning of
    /// `day`, that evening: its visitors of then are warned and the ward shows on the zoning view.
    func declareOutbreak(on day: Int) async throws {
        guard let venue = try await demoVenues().first(where: { $0.details.name == Self.outbreakVenue }) else { return }
        time.set(day: day, hour: 20)
        let from = VietnamDay.start(ofNumber: day) + 9 * 3600
        _ = try await outbreaks.declare(
            venueID: venue.id, from: from.formatted(.iso8601), to: (from + 3 * 3600).formatted(.iso8601),
            message: "Một ca dương tính đã có mặt tại chợ. Hãy theo dõi sức khỏe 14 ngày và gọi 1900 9095 nếu có triệu chứng.", severity: "high",
            by: actors.health, caller: actors.caller(actors.health)
        )
    }

    private func demoVenues() async throws -> [VenueRecord] {
        try await venues.list(for: actors.ministry, beforeID: nil, limit: 100).filter { venue in Self.plans.contains { $0.name == venue.details.name } }
    }

    private static func randomHour(using random: inout SplitMix64) -> Int {
        var pick = Int.random(in: 0..<hourWeights.values.reduce(0, +), using: &random)
        for (hour, weight) in hourWeights.sorted(by: { $0.key < $1.key }) {
            if pick < weight { return hour }
            pick -= weight
        }
        return 12
    }
}

/// The demo's people: fictional phone numbers (in demo mode texts go only to the in-process SMSC).
enum DemoPeople {
    static let visitors = 600

    /// The phone of visitor `index`, `+8490000xxxx`.
    static func phone(_ index: Int) -> String {
        "+8490000" + String(format: "%04d", index)
    }
}
