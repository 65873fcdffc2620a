import CovizoneCore
import CovizoneStore
import Foundation
import OfficialInformation

/// An entry's form on the officers' pages, as typed (or as stored when editing), with its problems.
struct InfoEntryForm: Sendable {
    var questionVi = ""
    var questionEn = ""
    var answerVi = ""
    var answerEn = ""
    var shortVi = ""
    var shortEn = ""
    /// Comma-separated.
    var topics = ""
    var source = ""
    var publish = true
    var provinceOptions: [PageOption] = []
    var errors: [String] = []

    init() {}

    init(fields: [String: String]) {
        questionVi = fields["questionVi"] ?? ""
        questionEn = fields["questionEn"] ?? ""
        answerVi = fields["answerVi"] ?? ""
        answerEn = fields["answerEn"] ?? ""
        shortVi = fields["shortVi"] ?? ""
        shortEn = fields["shortEn"] ?? ""
        topics = fields["topics"] ?? ""
        source = fields["source"] ?? ""
        publish = fields["publish"] == "on"
    }

    init(entry: InfoEntryContent) {
        questionVi = entry.question.vi
        questionEn = entry.question.en ?? ""
        answerVi = entry.answer.vi
        answerEn = entry.answer.en ?? ""
        shortVi = entry.shortAnswer?.vi ?? ""
        shortEn = entry.shortAnswer?.en ?? ""
        topics = entry.topics.joined(separator: ", ")
        source = entry.source
        publish = entry.published
    }

    /// The draft the service checks; `province` as chosen on the form ("" for the whole country).
    func draft(province: String?) -> InfoEntryService.Draft {
        let short = shortVi.trimmingCharacters(in: .whitespaces).isEmpty ? nil : BilingualText(vi: shortVi, en: shortEn)
        return InfoEntryService.Draft(
            question: BilingualText(vi: questionVi, en: questionEn), answer: BilingualText(vi: answerVi, en: answerEn), shortAnswer: short,
            topics: topics.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            provinceCode: province.flatMap { $0.isEmpty ? nil : $0 }, source: source, validFrom: nil, validUntil: nil, publish: publish
        )
    }

    /// The provinces `principal` writes for: the whole country and every province for the
    /// ministry, its own province for an officer.
    static func provinces(for principal: Principal, selected: String?, divisions: AdministrativeDivisions, text: PageText) -> [PageOption] {
        if let own = principal.scope.provinceCode {
            return [PageOption(code: own, label: divisions.province(code: own)?.name ?? own, selected: true)]
        }
        return [PageOption(code: "", label: text("info_national"), selected: selected == nil)]
            + divisions.provinces.map { PageOption(code: $0.code, label: $0.name, selected: $0.code == selected) }
    }
}

/// The model of `GET /info/manage` (entries and the new-entry form) and `GET /info/manage/entries/{id}` (one entry, its form and history).
struct InfoManagePage: Sendable {
    struct Row: Sendable {
        var id: Int64
        var question: String
        var place: String
        var published: Bool
        var revision: Int
        var updatedAt: String
    }

    struct Revision: Sendable {
        var revision: Int
        var actor: String
        var at: String
        var question: String
    }

    var rows: [Row] = []
    var form = InfoEntryForm()
    /// The entry being edited (nil: a new one).
    var entryID: Int64?
    var revisions: [Revision] = []
    var notice: String?
    var nextLink: String?
}
