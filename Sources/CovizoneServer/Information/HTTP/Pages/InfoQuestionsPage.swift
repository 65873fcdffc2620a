import Charts
import CovizoneCore
import Foundation

/// The model of `GET /info/manage/questions`: citizens' open questions in groups, the most asked
/// first, each with a form that answers the group into a new entry, and one that dismisses it.
struct InfoQuestionsPage: Sendable {
    struct Asked: Sendable {
        var id: Int64
        var text: String
        var channel: String
        var askedAt: String
    }

    struct Group: Sendable {
        var count: Int
        var questions: [Asked]
        /// Comma-separated ids, for the forms.
        var ids: String
        var firstText: String
    }

    var groups: [Group]
    var provinceOptions: [PageOption]
    /// "N open questions, M asked in 14 days", and the questions asked per day as an SVG bar chart.
    var headline: String
    var chart: String
    var notice: String?
    var errors: [String] = []
    /// Stored, not computed: templates read a model's stored properties only.
    var hasGroups: Bool
}

extension InfoQuestionService.Figures {
    /// The sentence of the figures, in the page's language.
    func headline(_ text: PageText) -> String {
        text("info_questions_figures", ["open": String(open), "asked": String(days.map(\.asked).reduce(0, +)), "days": String(days.count)])
    }

    /// Questions asked per day as bars (a card's size when `small`).
    func chart(_ text: PageText, small: Bool) -> String {
        guard days.contains(where: { $0.asked > 0 }) else { return "" }
        let title = text("info_questions_per_day")
        return Chart(
            style: .bars, title: title, summary: headline(text), categories: days.map { String(VietnamDay.string(ofNumber: $0.day).suffix(5)) },
            series: [Chart.Series(name: title, values: days.map { Double($0.asked) })]
        ).svg(width: small ? 320 : 720, height: small ? 140 : 260)
    }
}

/// The model of `GET /info/manage/synonyms`: one group a line, phrases separated by `;`.
struct InfoSynonymsPage: Sendable {
    var text: String
    var notice: String?
    var errors: [String] = []
}
