import CovizoneCore
import CovizoneStore
import Foundation
import Misinformation

/// Where every tip and post goes in: scored by the newest model, put into the claim it repeats
/// (a new claim when none is close enough), and taken into this instance's matcher.
struct MisinformationIntake: Sendable {
    let items: MisinformationItemRepository
    let claims: ClaimRepository
    let matching: ClaimMatching
    let classifier: ClassifierService
    let clock: WallClock

    /// The longest a claim's title is (the first text that said it, cut at a word).
    static let titleLength = 200

    /// Stores `item` (a new claim of `provinceCode` when it repeats none); nil when it is a post already held.
    func take(_ item: NewMisinformationItem, provinceCode: String?) async throws -> (item: MisinformationItemRecord, claim: ClaimRecord)? {
        var item = item
        item.score = try await classifier.score(PostSample(text: item.text, likes: item.likes, comments: item.comments, shares: item.shares))
        let match = try await matching.claim(for: item.text)
        guard let stored = try await items.add(item, toClaim: match?.claimID, title: Self.title(of: item.text), provinceCode: provinceCode, at: clock.now),
            let claim = try await claims.find(id: stored.claimID)
        else { return nil }
        await matching.added(stored)
        return (stored, claim)
    }

    /// `text` cut at a word to a title.
    static func title(of text: String) -> String {
        let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard oneLine.count > titleLength else { return oneLine }
        let cut = oneLine.prefix(titleLength - 1)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }
}
