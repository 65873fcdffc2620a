import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation

/// The demo's communication reporting, in the shape of Lạng Sơn's orders: `demo-province` builds
/// Hà Nội's tree (districts and their wards, a department, the press, the broadcaster, telecom
/// branches, a school) and opens two weekly rounds; the units report what they did — the first
/// round complete (two late, one missing), the second under way — and `demo-unit` is the first
/// district's account.
struct DemoReporting: Sendable {
    /// A unit of the tree: its name, kind, and the name of its parent (nil: the province).
    static let tree: [(name: String, kind: OrgUnitKind, parent: String?)] = [
        ("UBND quận Ba Đình", .district, nil),
        ("Phường Phúc Xá", .commune, "UBND quận Ba Đình"),
        ("Phường Trúc Bạch", .commune, "UBND quận Ba Đình"),
        ("UBND quận Hoàn Kiếm", .district, nil),
        ("Phường Hàng Bạc", .commune, "UBND quận Hoàn Kiếm"),
        ("UBND huyện Gia Lâm", .district, nil),
        ("Sở Giáo dục và Đào tạo", .department, nil),
        ("Báo Hà Nội Mới", .press, nil),
        ("Đài Phát thanh và Truyền hình Hà Nội", .broadcaster, nil),
        ("Viettel Hà Nội", .telecom, nil),
        ("VNPT Hà Nội", .telecom, nil),
        ("Trường THPT Phan Đình Phùng", .school, nil),
    ]

    /// The channels each kind of unit works through.
    static let channels: [OrgUnitKind: [String]] = [
        .district: ["radio", "led", "mobile", "collaborators"], .commune: ["radio", "mobile", "collaborators"], .department: ["internet", "other"],
        .press: ["press-tv", "internet"], .broadcaster: ["radio", "press-tv"], .telecom: ["sms-zalo"], .school: ["internet", "other"],
    ]

    let reporting: ReportingDomain
    let accounts: AccountManagementService
    let users: UserRepository
    let actors: DemoActors
    let time: DemoTime

    /// Builds the tree and both rounds, `today` being the first build's day.
    func build(today: Int) async throws {
        time.set(day: today - 13, hour: 8)
        let province = actors.province
        guard let root = try await reporting.tree.root(for: province) else { return }
        var units: [String: OrgUnitRecord] = [:]
        for unit in Self.tree {
            let parent = unit.parent.flatMap { units[$0] } ?? root
            units[unit.name] = try await reporting.tree.create(.init(name: unit.name, kind: unit.kind.rawValue, parentId: parent.id), by: province, caller: actors.caller(province))
        }
        if let district = units["UBND quận Ba Đình"], let account = try await users.find(username: "demo-unit") {
            _ = try await accounts.update(account.id, .init(orgUnitID: String(district.id)), by: province, caller: actors.caller(province))
        }
        let ordered = Self.tree.compactMap { units[$0.name] }
        let first = try await openRound("Đợt 1: tuần \(VietnamDay.string(ofNumber: today - 13))", from: today - 13, to: today - 7, root: root)
        for (index, unit) in ordered.enumerated() where index != 6 {
            let hour = index == 3 || index == 9 ? 24 + 9 + index : 9 + index % 8
            try await report(unit, in: first, at: VietnamDay.start(ofNumber: today - 6) + TimeInterval(hour * 3600), seed: index, complete: true)
        }
        let second = try await openRound("Đợt 2: tuần \(VietnamDay.string(ofNumber: today - 6))", from: today - 6, to: today, root: root)
        for (index, unit) in ordered.enumerated() where index % 3 != 2 {
            try await report(unit, in: second, at: VietnamDay.start(ofNumber: today - 1) + TimeInterval((17 + index % 4) * 3600), seed: 100 + index, complete: index % 3 == 0)
        }
    }

    /// A weekly round of the province, due the day after its end at 17:00.
    private func openRound(_ name: String, from start: Int, to end: Int, root: OrgUnitRecord) async throws -> ReportingRoundRecord {
        time.set(day: start, hour: 8)
        let due = VietnamDay.start(ofNumber: end + 1) + 17 * 3600
        return try await reporting.rounds.create(
            .init(
                formId: "communication", name: name, start: VietnamDay.string(ofNumber: start), end: VietnamDay.string(ofNumber: end),
                due: due.formatted(.iso8601), orgUnitId: root.id
            ),
            by: actors.province, caller: actors.caller(actors.province)
        )
    }

    /// The unit's week in figures, typed in by the province's officer as the unit sent them.
    private func report(_ unit: OrgUnitRecord, in round: ReportingRoundRecord, at moment: Date, seed: Int, complete: Bool) async throws {
        var random = SplitMix64(smallSeed: seed * 7919 + Int(round.id))
        var values: [String: Int] = [:]
        for channel in Self.channels[unit.kind] ?? ["other"] {
            let target = channel == "sms-zalo" ? Int.random(in: 150_000...400_000, using: &random) : Int.random(in: 2_000...40_000, using: &random)
            values["\(channel).quantity"] = channel == "sms-zalo" ? Int.random(in: 2...6, using: &random) : Int.random(in: 3...60, using: &random)
            values["\(channel).target"] = target
            values["\(channel).reached"] = target * Int.random(in: 70...100, using: &random) / 100
        }
        let staff = Int.random(in: 20...400, using: &random)
        values["app.staff"] = staff
        values["app.installed"] = staff * Int.random(in: 55...98, using: &random) / 100
        time.set(moment)
        let officer = actors.province
        let proposals = seed % 4 == 0 ? "Đề nghị bổ sung kinh phí in tờ rơi và loa lưu động." : ""
        _ = try await reporting.reports.save(.init(values: values, notes: nil, proposals: proposals), roundID: round.id, orgUnitID: unit.id, by: officer, caller: actors.caller(officer))
        if complete { _ = try await reporting.reports.complete(roundID: round.id, orgUnitID: unit.id, by: officer, caller: actors.caller(officer)) }
    }
}
