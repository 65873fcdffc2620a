import CovizoneCore
import Foundation
import Hummingbird
import Misinformation
import OfficialInformation

/// Citizens' tips and the public verdicts: `POST /api/v1/misinformation/tips` `{text, url?,
/// platform?, phone?, provinceCode?}` → 202 `{id, claimId, verdict?}` (anonymous, an hourly
/// budget per address); `GET /api/v1/misinformation/claim-reviews` → the published verdicts as
/// schema.org ClaimReview JSON-LD, newest first.
struct MisinformationTipsController: Sendable {
    let tips: TipService
    let claims: ClaimService
    let publicHost: String

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("misinformation/tips", use: submit)
        group.get("misinformation/claim-reviews", use: claimReviews)
    }

    struct Received: ResponseEncodable {
        struct Verdict: Encodable, Sendable {
            var status: ClaimStatus
            var text: BilingualText
            var url: String
        }

        var id: Int64
        var claimId: Int64
        /// The published verdict when the tip repeats a claim already answered.
        var verdict: Verdict?
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Received> {
        let tip = try await request.decodeJSON(as: TipService.Tip.self, context: context, limit: 16_384)
        let received = try await tips.submit(tip, channel: "api", from: context.remoteAddress)
        return EditedResponse(status: .accepted, response: Self.answer(received, publicHost: publicHost))
    }

    static func answer(_ received: TipService.Received, publicHost: String) -> Received {
        let claim = received.claim
        let verdict = claim.isPublished ? claim.verdict.map {
            Received.Verdict(status: claim.status, text: $0, url: "https://\(publicHost)/misinformation/verdicts/\(claim.id)")
        } : nil
        return Received(id: received.item.id, claimId: claim.id, verdict: verdict ?? nil)
    }

    /// One page of the published verdicts as ClaimReview objects (each its own JSON-LD document).
    struct Reviews: ResponseEncodable {
        var items: [ClaimReview]
        var nextCursor: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(items, forKey: .items)
            try container.encode(nextCursor, forKey: .nextCursor)
        }

        enum CodingKeys: String, CodingKey {
            case items, nextCursor
        }
    }

    @Sendable func claimReviews(_ request: Request, context: AppRequestContext) async throws -> Reviews {
        let page = try PageRequest(request: request)
        let published = try await claims.published(beforeID: page.cursorID, limit: page.limit + 1)
        var reviews: [ClaimReview] = []
        for claim in published.prefix(page.limit) {
            if let review = PublishedVerdict.review(of: claim, appearances: try await claims.appearances(of: claim.id), publicHost: publicHost) {
                reviews.append(review)
            }
        }
        let next = published.count > page.limit ? published.prefix(page.limit).last.map { PageRequest.encodeCursor($0.id) } : nil
        return Reviews(items: reviews, nextCursor: next)
    }
}
