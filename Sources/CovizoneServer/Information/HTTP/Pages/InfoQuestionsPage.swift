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
    var notice: String?
    var errors: [String] = []
    /// Stored, not computed: templates read a model's stored properties only.
    var hasGroups: Bool
}

/// The model of `GET /info/manage/synonyms`: one group a line, phrases separated by `;`.
struct InfoSynonymsPage: Sendable {
    var text: String
    var notice: String?
    var errors: [String] = []
}
