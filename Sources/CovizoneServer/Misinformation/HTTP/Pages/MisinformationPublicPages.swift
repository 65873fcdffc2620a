import CovizoneCore
import CovizoneStore
import Foundation
import Misinformation

/// The model of `GET/POST /misinformation/report`: a citizen's tip, and what became of it.
struct MisinformationReportPage: Sendable {
    /// A published verdict the tip was answered with at once.
    struct Verdict: Sendable {
        var statusLabel: String
        var statusClass: String
        var text: String
        var href: String
    }

    var text = ""
    var url = ""
    var phone = ""
    var platformOptions: [PageOption]
    var provinceOptions: [PageOption]
    var errors: [String] = []
    /// The tip's number once received.
    var receivedID: Int64?
    var verdict: Verdict?
}

/// One published verdict in a list, and on its own page.
struct VerdictItem: Sendable {
    var id: Int64
    var title: String
    var statusLabel: String
    /// `false`, `misleading`, `true`: the badge's colour.
    var statusClass: String
    var verdict: String
    var sourceURL: String?
    var evidence: [String]
    var appearances: [String]
    /// Stored, not computed: templates read a model's stored properties only.
    var hasAppearances: Bool
    var publishedAt: String

    init(_ claim: ClaimRecord, appearances: [String] = [], language: Language, text: PageText) {
        id = claim.id
        title = claim.title
        statusLabel = text("mis_status_\(claim.status.rawValue)")
        statusClass = claim.status.rawValue
        verdict = claim.verdict?.text(in: language.rawValue) ?? ""
        sourceURL = claim.sourceURL
        evidence = claim.evidence
        self.appearances = appearances
        hasAppearances = !appearances.isEmpty
        publishedAt = claim.publishedAt.map(PageText.wallClock) ?? ""
    }
}

/// The model of `GET /misinformation/verdicts`.
struct MisinformationVerdictsPage: Sendable {
    var items: [VerdictItem]
    var nextHref: String?
    var hasItems: Bool
}

/// The model of `GET /misinformation/verdicts/{id}`: the verdict, with its ClaimReview JSON-LD for search engines.
struct MisinformationVerdictPage: Sendable {
    var item: VerdictItem
    /// JSON with `<` escaped, safe inside a `<script type="application/ld+json">` block.
    var jsonLD: String
}

extension ClaimReview {
    /// The review as JSON to embed in a page's script block (`<`, `>` and `&` escaped).
    var embeddableJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return json.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e").replacingOccurrences(of: "&", with: "\\u0026")
    }
}
