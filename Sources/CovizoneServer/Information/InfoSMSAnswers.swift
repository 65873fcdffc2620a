import CampaignDispatch
import CovizoneCore
import Foundation
import Messaging
import OfficialInformation

/// Answers `HOI …` texts from phones without a smartphone: the best entry's short answer when it
/// answers the question well enough, otherwise the Ministry of Health's hotline (and the question
/// is kept for officers, without the phone number). Written without diacritics: one GSM-7 part
/// holds 160 characters, against 70 with them.
struct InfoSMSAnswers: IncomingTextHandler {
    let search: InfoSearchService
    let questions: InfoQuestionService

    /// The least share of the question an entry must answer (``SearchHit/coverage``).
    static let sufficientCoverage = 0.6
    static let purpose = "info-answer"
    static let fallback = "Covizone: chua co cau tra loi cho cau hoi nay. Goi duong day nong Bo Y te 19009095 hoac 19003228 (mien phi)."
    static let help = "Covizone: soan HOI <cau hoi> de hoi ve dich benh, vi du: HOI xet nghiem o dau. Duong day nong Bo Y te: 19009095 (mien phi)."

    func reply(to command: IncomingKeywords.Command, from phone: PhoneNumber, at now: Date) async throws -> IncomingTextReply? {
        guard case .question(let text) = command else { return nil }
        guard !SearchText.terms(text).isEmpty else { return IncomingTextReply(text: Self.help, purpose: Self.purpose) }
        let question = String(text.prefix(InfoSearchService.maximumQueryLength))
        if let best = try await search.search(question, province: nil, limit: 1).first, best.hit.coverage >= Self.sufficientCoverage {
            let answer = best.entry.content.shortAnswer?.vi ?? best.entry.content.answer.vi
            return IncomingTextReply(text: PlainSMSText.fitted("Covizone: " + VietnameseText.withoutDiacritics(answer)), purpose: Self.purpose)
        }
        if SearchText.terms(question).count >= 2, question.count >= 5 { _ = try await questions.ask(question, provinceCode: nil, channel: "sms") }
        return IncomingTextReply(text: Self.fallback, purpose: Self.purpose)
    }
}
