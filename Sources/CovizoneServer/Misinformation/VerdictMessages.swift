import CovizoneCore
import CovizoneStore
import Foundation
import Messaging
import Misinformation

/// The verdict texted to the tippers who wait for it (once each; their phones are then
/// forgotten), and the same words for an SMS tip that repeats a published claim.
struct VerdictMessages: Sendable {
    let items: MisinformationItemRepository
    let claims: ClaimRepository
    let textMessages: TextMessageOutbox
    let publicHost: String
    let clock: WallClock

    static let purpose = "misinformation-verdict"

    /// Texts `claim`'s verdict to every tip of it that left a phone and was not answered.
    func send(for claim: ClaimRecord) async throws {
        guard claim.isPublished else { return }
        let waiting = try await items.awaitingAnswer(claimID: claim.id)
        guard !waiting.isEmpty else { return }
        let now = clock.now
        let text = Self.text(for: claim, publicHost: publicHost)
        for tip in waiting { try await textMessages.enqueue(text, to: tip.phone, purpose: Self.purpose, at: now) }
        try await items.markAnswered(ids: waiting.map(\.id), at: now)
        _ = try await claims.modify(id: claim.id, actor: "system", at: now) { current in
            (current, [.init(.answered, "\(waiting.count) tips answered by text")])
        }
    }

    /// The verdict in plain GSM letters, at most two parts, with the public page's address.
    static func text(for claim: ClaimRecord, publicHost: String) -> String {
        let word: String
        switch claim.status {
        case .false: word = "SAI SU THAT"
        case .misleading: word = "GAY HIEU LAM"
        case .true: word = "DUNG"
        case .undetermined, .inProgress, .notApplicable: word = "DANG XAC MINH"
        }
        let link = " Chi tiet: https://\(publicHost)/misinformation/verdicts/\(claim.id)"
        let title = VietnameseText.withoutDiacritics(String(claim.title.prefix(60)))
        let verdict = VietnameseText.withoutDiacritics(claim.verdict?.vi ?? "")
        let body = PlainSMSText.fitted("Covizone: Tin \"\(title)\" la \(word). \(verdict)", maximumLength: PlainSMSText.maximumLength - link.count)
        return body + link
    }
}
