import CovizoneStore
import Misinformation

/// A published claim as schema.org's ClaimReview, for the feed and the verdict's public page.
enum PublishedVerdict {
    static let reviewer = "Bộ Thông tin và Truyền thông"

    /// The verdict's name as the rating's words.
    static func name(of status: ClaimStatus) -> String {
        switch status {
        case .false: "Sai sự thật"
        case .misleading: "Gây hiểu lầm"
        case .true: "Đúng"
        case .undetermined, .inProgress, .notApplicable: "Chưa kết luận"
        }
    }

    /// The review of `claim` (nil unless published), seen at `appearances`.
    static func review(of claim: ClaimRecord, appearances: [String], publicHost: String) -> ClaimReview? {
        guard claim.isPublished, let published = claim.publishedAt, let verdict = claim.verdict else { return nil }
        return ClaimReview(
            url: "https://\(publicHost)/misinformation/verdicts/\(claim.id)", published: published, claim: claim.title, status: claim.status,
            verdictName: name(of: claim.status), verdict: verdict.vi, appearances: appearances, reviewer: reviewer, reviewerURL: "https://\(publicHost)/",
            language: "vi"
        )
    }
}
