import CovizoneCore
import CovizoneStore
import Foundation
import OfficialInformation

/// The hotline directory: the Ministry of Health's free numbers from the start, each province's
/// added by its officers.
struct HotlineService: Sendable {
    let hotlines: HotlineRepository
    let divisions: AdministrativeDivisions
    let audit: AuditRecorder
    let clock: WallClock

    /// A hotline as the API takes it.
    struct Draft: Decodable, Sendable {
        var name: BilingualText
        var number: String
        var provinceCode: String?
        var free: Bool
        var hours: String?
    }

    /// The Ministry of Health's hotlines, free of charge, day and night.
    static let national: [(name: BilingualText, number: String)] = [
        (BilingualText(vi: "Đường dây nóng Bộ Y tế", en: "Ministry of Health hotline"), "19009095"),
        (BilingualText(vi: "Tổng đài tư vấn sức khỏe Bộ Y tế", en: "Ministry of Health health advice line"), "19003228"),
    ]

    /// Adds the national hotlines when the directory has none (every start).
    static func ensureNational(_ hotlines: HotlineRepository, at now: Date) async throws {
        try await hotlines.ensureNational(national, at: now)
    }

    func list(province: String?) async throws -> [HotlineRecord] {
        try await hotlines.list(province: province)
    }

    func add(_ draft: Draft, by principal: Principal, caller: Caller) async throws -> HotlineRecord {
        var problems = draft.name.problems(as: "name", maximumLength: 200)
        let number = draft.number.filter { !$0.isWhitespace && $0 != "." }
        if !(3...15).contains(number.count) || !number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "+") }) {
            problems.append(FieldError(field: "number", message: "must be a telephone number of 3 to 15 digits"))
        }
        if let code = draft.provinceCode, divisions.province(code: code) == nil { problems.append(FieldError(field: "provinceCode", message: "unknown province code \(code)")) }
        if (draft.hours ?? "").count > 100 { problems.append(FieldError(field: "hours", message: "must be at most 100 characters")) }
        try ValidationFailure.check(problems)
        let province = draft.provinceCode.flatMap { divisions.province(code: $0)?.code }
        try WritingScope.check(province, by: principal)
        let hotline = try await hotlines.add(name: draft.name.trimmed, number: number, provinceCode: province, free: draft.free, hours: draft.hours ?? "", at: clock.now)
        try await audit.record("info.hotlines.create", subject: "info_hotline:\(hotline.id)", provinceCode: province, detail: number, by: caller)
        return hotline
    }

    func remove(_ id: Int64, by principal: Principal, caller: Caller) async throws {
        guard let hotline = try await hotlines.find(id: id) else { throw InformationError.hotlineNotFound(hotlineID: id) }
        try WritingScope.check(hotline.provinceCode, by: principal)
        guard try await hotlines.remove(id: id) else { throw InformationError.hotlineNotFound(hotlineID: id) }
        try await audit.record("info.hotlines.delete", subject: "info_hotline:\(id)", provinceCode: hotline.provinceCode, detail: hotline.number, by: caller)
    }
}
