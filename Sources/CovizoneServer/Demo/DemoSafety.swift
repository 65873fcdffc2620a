import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation

/// The demo's safety map: facilities in Hồ Chí Minh City that `demo-facility` registered and
/// manages, and in Hà Nội that `demo-province` registered for `demo-facility-hn`; a week of
/// morning self-checks (a lax market stays red), citizens' reports that the province's officer
/// and the ministry moderate, and the wards' risk levels `demo-health` sets after the outbreak.
struct DemoSafety: Sendable {
    struct Plan: Sendable {
        var name: String
        var type: FacilityType
        var wardCode: String
        var longitude: Double
        var latitude: Double
        /// Out of 100: how often each task is done.
        var diligence: Int
    }

    static let hanoi: [Plan] = [
        Plan(name: "Chợ Đồng Xuân", type: .market, wardCode: "00070", longitude: 105.8497, latitude: 21.0381, diligence: 88),
        Plan(name: "Chợ Hôm", type: .market, wardCode: "00256", longitude: 105.8523, latitude: 21.0170, diligence: 80),
        Plan(name: "Siêu thị Cửa Nam", type: .supermarket, wardCode: "00073", longitude: 105.8412, latitude: 21.0290, diligence: 97),
        Plan(name: "Trường THCS Ba Đình", type: .school, wardCode: "00004", longitude: 105.8290, latitude: 21.0355, diligence: 99),
        Plan(name: "Trường Tiểu học Đống Đa", type: .school, wardCode: "00235", longitude: 105.8270, latitude: 21.0150, diligence: 96),
        Plan(name: "Bệnh viện Thanh Xuân", type: .healthFacility, wardCode: "00367", longitude: 105.8100, latitude: 20.9950, diligence: 98),
        Plan(name: "Ga Hà Nội", type: .transportStation, wardCode: "00235", longitude: 105.8413, latitude: 21.0245, diligence: 93),
        Plan(name: "Bến xe Gia Lâm", type: .transportStation, wardCode: "00148", longitude: 105.8780, latitude: 21.0480, diligence: 85),
        Plan(name: "Nhà hàng Hồ Tây", type: .restaurant, wardCode: "00103", longitude: 105.8230, latitude: 21.0580, diligence: 90),
        Plan(name: "Tòa nhà văn phòng Cầu Giấy", type: .office, wardCode: "00167", longitude: 105.7950, latitude: 21.0330, diligence: 95),
        Plan(name: "Khu công nghiệp Hoàng Mai", type: .industrialZone, wardCode: "00319", longitude: 105.8600, latitude: 20.9750, diligence: 91),
        Plan(name: "Khách sạn Hoàn Kiếm", type: .lodging, wardCode: "00070", longitude: 105.8520, latitude: 21.0300, diligence: 94),
        Plan(name: "Chợ Long Biên", type: .market, wardCode: "00148", longitude: 105.8560, latitude: 21.0420, diligence: 70),
        Plan(name: "Trường THPT Hai Bà Trưng", type: .school, wardCode: "00256", longitude: 105.8560, latitude: 21.0100, diligence: 97),
    ]

    static let hoChiMinhCity: [Plan] = [
        Plan(name: "Chợ Bến Thành", type: .market, wardCode: "26743", longitude: 106.6981, latitude: 10.7725, diligence: 78),
        Plan(name: "Chợ Bình Tây", type: .market, wardCode: "27343", longitude: 106.6510, latitude: 10.7500, diligence: 82),
        Plan(name: "Siêu thị Sài Gòn", type: .supermarket, wardCode: "26740", longitude: 106.7010, latitude: 10.7790, diligence: 96),
        Plan(name: "Siêu thị Phú Nhuận", type: .supermarket, wardCode: "27073", longitude: 106.6800, latitude: 10.7990, diligence: 95),
        Plan(name: "Trường THCS Tân Định", type: .school, wardCode: "26737", longitude: 106.6900, latitude: 10.7900, diligence: 98),
        Plan(name: "Trường Tiểu học Bàn Cờ", type: .school, wardCode: "27160", longitude: 106.6830, latitude: 10.7720, diligence: 97),
        Plan(name: "Bệnh viện Chợ Lớn", type: .healthFacility, wardCode: "27343", longitude: 106.6590, latitude: 10.7550, diligence: 99),
        Plan(name: "Trạm y tế Xóm Chiếu", type: .healthFacility, wardCode: "27259", longitude: 106.7050, latitude: 10.7580, diligence: 96),
        Plan(name: "Ga Sài Gòn", type: .transportStation, wardCode: "27160", longitude: 106.6770, latitude: 10.7820, diligence: 92),
        Plan(name: "Bến xe Miền Đông", type: .transportStation, wardCode: "26929", longitude: 106.7110, latitude: 10.8150, diligence: 84),
        Plan(name: "Nhà hàng Tân Định", type: .restaurant, wardCode: "26737", longitude: 106.6910, latitude: 10.7890, diligence: 90),
        Plan(name: "Quán cơm Chánh Hưng", type: .restaurant, wardCode: "27418", longitude: 106.6780, latitude: 10.7420, diligence: 86),
        Plan(name: "Khách sạn Bến Thành", type: .lodging, wardCode: "26743", longitude: 106.6960, latitude: 10.7740, diligence: 95),
        Plan(name: "Tòa nhà văn phòng Sài Gòn", type: .office, wardCode: "26740", longitude: 106.7040, latitude: 10.7760, diligence: 97),
        Plan(name: "Khu chế xuất Tân Thuận", type: .industrialZone, wardCode: "27418", longitude: 106.7300, latitude: 10.7600, diligence: 93),
        Plan(name: "Nhà văn hóa Gia Định", type: .other, wardCode: "26944", longitude: 106.6950, latitude: 10.8030, diligence: 90),
        Plan(name: "Chợ Thủ Đức", type: .market, wardCode: "26824", longitude: 106.7560, latitude: 10.8500, diligence: 66),
        Plan(name: "Sân bay Tân Sơn Nhất (ga quốc nội)", type: .transportStation, wardCode: "26968", longitude: 106.6640, latitude: 10.8160, diligence: 97),
    ]

    /// What citizens report, and what happens to it.
    static let reports: [(facility: String, category: FeedbackCategory, text: String, decision: FeedbackStatus?)] = [
        ("Chợ Long Biên", .noMasks, "Nhiều tiểu thương không đeo khẩu trang, người mua chen chúc.", .verified),
        ("Chợ Hôm", .noQRPoster, "Không thấy mã QR ở cổng chính.", .published),
        ("Bến xe Gia Lâm", .crowding, "Phòng chờ rất đông, không giãn cách.", nil),
        ("Chợ Thủ Đức", .noScreening, "Không ai đo thân nhiệt ở cổng chợ.", .verified),
        ("Chợ Bến Thành", .noHandWashing, "Chỗ rửa tay ở cửa Bắc hết xà phòng.", .published),
        ("Ga Sài Gòn", .other, "Loa nhắc nhở không hoạt động.", nil),
        ("Siêu thị Sài Gòn", .crowding, "Tin đồn sai, siêu thị rất vắng.", .rejected),
    ]

    let facilities: FacilityService
    let selfChecks: SelfCheckService
    let feedback: FeedbackService
    let map: SafetyMapService
    let actors: DemoActors
    let time: DemoTime

    /// Registers the facilities once (also in a demo store built before the safety map existed), on `day` at 06:30.
    func registerIfMissing(on day: Int) async throws {
        guard try await facilities.list(for: actors.ministry, type: nil, status: nil, beforeID: nil, limit: 1).isEmpty else { return }
        time.set(day: day, hour: 6, minute: 30)
        for (index, plan) in Self.hoChiMinhCity.enumerated() {
            _ = try await facilities.register(Self.registration(plan, province: "79", index: index, manager: nil), by: actors.facilityManager)
        }
        for (index, plan) in Self.hanoi.enumerated() {
            _ = try await facilities.register(Self.registration(plan, province: "01", index: index, manager: "demo-facility-hn"), by: actors.province)
        }
    }

    /// The day's self-checks (most facilities, mornings), in the week before `until`.
    func selfChecks(on day: Int, until: Date) async throws {
        guard day > VietnamDay.number(of: until) - 7 else { return }
        var random = SplitMix64(smallSeed: day * 31 + 7)
        for facility in try await demoFacilities() {
            guard let plan = (Self.hanoi + Self.hoChiMinhCity).first(where: { $0.name == facility.details.name }), Int.random(in: 0..<100, using: &random) < 88
            else { continue }
            let at = VietnamDay.start(ofNumber: day) + TimeInterval(Int.random(in: 6 * 3600..<10 * 3600, using: &random))
            guard at < until else { continue }
            time.set(at)
            let checklist = selfChecks.checklist(for: facility.details.type)
            // Critical tasks are kept more carefully, except at the lax markets.
            let answers = Dictionary(
                uniqueKeysWithValues: checklist.items.map { item in
                    (item.id, Int.random(in: 0..<100, using: &random) < (item.critical && plan.diligence >= 80 ? 99 : plan.diligence))
                }
            )
            let manager = facility.details.provinceCode == "01" ? actors.hanoiFacilityManager : actors.facilityManager
            _ = try await selfChecks.submit(.init(checklistVersion: checklist.version, answers: answers, commitment: true), facilityID: facility.id, by: manager)
        }
    }

    /// Citizens' reports the day before `today`, moderated that evening (a few left for review);
    /// Chợ Bến Thành's manager answers its report; the lax market's verified one stays unanswered.
    func reports(on day: Int) async throws {
        let facilities = try await demoFacilities()
        for (index, report) in Self.reports.enumerated() {
            guard let facility = facilities.first(where: { $0.details.name == report.facility }) else { continue }
            time.set(day: day, hour: 11, minute: index * 7)
            let id = try await feedback.submit(.init(category: report.category.rawValue, text: report.text, phone: nil, photo: nil), facilityID: facility.id)
            guard let decision = report.decision else { continue }
            time.set(day: day, hour: 17, minute: index * 5)
            let officer = facility.details.provinceCode == "01" ? actors.province : actors.ministry
            _ = try await feedback.review(id, decision: decision.rawValue, note: "Đã kiểm tra qua camera và gọi điện cho cơ sở.", by: officer, caller: actors.caller(officer))
            if decision.isPublic, facility.details.name == "Chợ Bến Thành" {
                time.set(day: day, hour: 19)
                _ = try await feedback.answer(id, text: "Chúng tôi đã bổ sung xà phòng và phân công người kiểm tra mỗi giờ.", by: actors.facilityManager)
            }
        }
    }

    /// `demo-health` raises the outbreak's ward and marks its neighbours, the evening of `day`.
    func wardLevels(on day: Int) async throws {
        time.set(day: day, hour: 21)
        let levels = [("26743", "high", "Ổ dịch tại chợ Bến Thành"), ("26740", "risky", "Giáp ranh ổ dịch"), ("26737", "normal", "")]
        for (ward, level, note) in levels {
            _ = try await map.setWardLevel(wardCode: ward, level: level, note: note, by: actors.health, caller: actors.caller(actors.health))
        }
    }

    private func demoFacilities() async throws -> [FacilityRecord] {
        try await facilities.list(for: actors.ministry, type: nil, status: nil, beforeID: nil, limit: 200)
    }

    private static func registration(_ plan: Plan, province: String, index: Int, manager: String?) -> FacilityRegistration {
        FacilityRegistration(
            name: plan.name, type: plan.type.rawValue, provinceCode: province, wardCode: plan.wardCode, address: "Số \(index * 7 + 3), \(plan.name)",
            latitude: plan.latitude, longitude: plan.longitude, contactPhone: "0913" + String(format: "%06d", 100_000 + index * 37 + (province == "01" ? 0 : 5_000)),
            managerUsername: manager
        )
    }
}
