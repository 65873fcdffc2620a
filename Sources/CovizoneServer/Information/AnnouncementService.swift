import CovizoneCore
import CovizoneStore
import Foundation
import OfficialInformation

/// Announcements, national or for a province, shown on the public pages and relayed through the
/// Atom feed, the JSON list, the widget and the signage screens.
struct AnnouncementService: Sendable {
    let announcements: AnnouncementRepository
    let divisions: AdministrativeDivisions
    let audit: AuditRecorder
    let clock: WallClock

    /// An announcement as the API takes it (`validUntil` an ISO 8601 time).
    struct Draft: Decodable, Sendable {
        var title: BilingualText
        var body: BilingualText
        var provinceCode: String?
        var priority: String?
        var tags: [String]?
        var validUntil: String?
    }

    /// A tag as it is kept: letters, digits and underscores, without a leading `#` (`ICT_anti_nCoV`).
    static func tag(_ text: String) -> String? {
        let tag = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard (1...50).contains(tag.count), tag.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return tag
    }

    func create(_ draft: Draft, by principal: Principal, caller: Caller) async throws -> AnnouncementRecord {
        var problems = draft.title.problems(as: "title", maximumLength: 200) + draft.body.problems(as: "body", maximumLength: 5_000)
        if let code = draft.provinceCode, divisions.province(code: code) == nil { problems.append(FieldError(field: "provinceCode", message: "unknown province code \(code)")) }
        let priority = AnnouncementContent.Priority(rawValue: draft.priority ?? "normal")
        if priority == nil { problems.append(FieldError(field: "priority", message: "must be normal, high or urgent")) }
        let tags = (draft.tags ?? []).map(Self.tag)
        if tags.count > 10 || tags.contains(nil) { problems.append(FieldError(field: "tags", message: "must be at most 10 tags of letters, digits and _")) }
        let validUntil = InfoEntryService.time(draft.validUntil, field: "validUntil", problems: &problems)
        if let validUntil, validUntil <= clock.now { problems.append(FieldError(field: "validUntil", message: "must be in the future")) }
        try ValidationFailure.check(problems)
        let province = draft.provinceCode.flatMap { divisions.province(code: $0)?.code }
        try WritingScope.check(province, by: principal)
        let content = AnnouncementContent(
            title: draft.title.trimmed, body: draft.body.trimmed, provinceCode: province, priority: priority ?? .normal,
            tags: Array(Set(tags.compactMap { $0 })).sorted(), validUntil: validUntil
        )
        let announcement = try await announcements.create(content, by: principal.user.id, at: clock.now)
        try await audit.record("info.announcements.create", subject: "info_announcement:\(announcement.id)", provinceCode: province, by: caller)
        return announcement
    }

    /// Ends an announcement now.
    func withdraw(_ id: Int64, by principal: Principal, caller: Caller) async throws -> AnnouncementRecord {
        let current = try await announcement(id)
        try WritingScope.check(current.content.provinceCode, by: principal)
        guard try await announcements.withdraw(id: id, at: clock.now) else { throw InformationError.announcementNotFound(announcementID: id) }
        try await audit.record("info.announcements.withdraw", subject: "info_announcement:\(id)", provinceCode: current.content.provinceCode, by: caller)
        return try await announcement(id)
    }

    func announcement(_ id: Int64) async throws -> AnnouncementRecord {
        guard let announcement = try await announcements.find(id: id) else { throw InformationError.announcementNotFound(announcementID: id) }
        return announcement
    }

    /// The announcements in force for `province` (national ones with it), newest first.
    func current(province: String?, tag: String?, beforeID: Int64?, limit: Int) async throws -> [AnnouncementRecord] {
        try await announcements.list(.init(provinceCode: province, tag: tag, currentAt: clock.now), beforeID: beforeID, limit: limit)
    }

    /// The feed of the announcements in force, in `language`, with links on `host`.
    func feed(province: String?, language: String, host: String) async throws -> AtomFeed {
        let items = try await current(province: province, tag: nil, beforeID: nil, limit: 50)
        let base = "https://\(host)"
        let query = province.map { "?province=\($0)" } ?? ""
        let provinceName = province.flatMap { divisions.province(code: $0)?.name }
        let title = language == "en" ? "Covizone announcements" : "Thông báo Covizone"
        return AtomFeed(
            id: "\(base)/info/announcements\(query)", title: provinceName.map { "\(title) — \($0)" } ?? title,
            subtitle: language == "en" ? "Official epidemic information" : "Thông tin chính thức về dịch bệnh",
            selfLink: "\(base)/info/announcements.atom\(query)", alternateLink: "\(base)/info/announcements\(query)", author: "Covizone", language: language,
            entries: items.map { item in
                AtomFeed.Entry(
                    id: "\(base)/info/announcements/\(item.id)", title: item.content.title.text(in: language), updated: item.updatedAt, published: item.publishedAt,
                    content: item.content.body.text(in: language), link: "\(base)/info/announcements/\(item.id)", categories: item.content.tags
                )
            },
            emptyUpdated: Date(timeIntervalSince1970: 0)
        )
    }
}
