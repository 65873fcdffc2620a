import CovizoneCore
import CovizoneStore
import Foundation

/// The model of `GET /info/announcements` (national and a province's, in force), `GET
/// /info/tags/{tag}` (one tag's) and `GET /info/announcements/{id}` (one announcement).
struct AnnouncementsPage: Sendable {
    struct Item: Sendable {
        var id: Int64
        var title: String
        var body: String
        var place: String
        var publishedAt: String
        var urgent: Bool
        var priority: String
        var tags: [String]
        var withdrawn: Bool
    }

    var items: [Item] { didSet { hasItems = !items.isEmpty } }
    var tag: String?
    var provinceOptions: [PageOption]
    /// The feed of what the page lists.
    var feedLink: String
    var nextLink: String?

    /// Stored, not computed: templates read a model's stored properties only.
    private(set) var hasItems = false

    init(items: [Item], tag: String?, provinceOptions: [PageOption], feedLink: String, nextLink: String?) {
        self.items = items
        self.tag = tag
        self.provinceOptions = provinceOptions
        self.feedLink = feedLink
        self.nextLink = nextLink
        hasItems = !items.isEmpty
    }

    static func item(_ record: AnnouncementRecord, language: Language, divisions: AdministrativeDivisions, text: PageText, now: Date) -> Item {
        let content = record.content
        return Item(
            id: record.id, title: content.title.text(in: language.rawValue), body: content.body.text(in: language.rawValue),
            place: content.provinceCode.map { divisions.province(code: $0)?.name ?? $0 } ?? text("info_national"), publishedAt: PageText.wallClock(record.publishedAt),
            urgent: content.priority != .normal, priority: text("info_priority_\(content.priority.rawValue)"), tags: content.tags,
            withdrawn: content.validUntil.map { $0 <= now } ?? false
        )
    }
}
