import Foundation
import Misinformation
import Testing

@Suite("Misinformation: statuses and ClaimReview")
struct ClaimReviewTests {
    @Test("statuses are Meedan Check's; only false, misleading and true are verdicts")
    func statuses() {
        #expect(ClaimStatus.allCases.map(\.rawValue) == ["undetermined", "in-progress", "false", "misleading", "true", "not-applicable"])
        #expect(ClaimStatus.allCases.filter(\.isVerdict) == [.false, .misleading, .true])
    }

    @Test("a published false claim is schema.org ClaimReview JSON-LD with rating 1 of 5; an undecided one has none")
    func claimReview() throws {
        let review = try #require(
            ClaimReview(
                url: "https://covizone.example/misinformation/claims/7", published: Date(timeIntervalSince1970: 1_800_000_000),
                claim: "Uống nước muối diệt được virus corona", status: .false, verdictName: "Sai", verdict: "Nước muối không diệt được virus.",
                appearances: ["https://facebook.com/posts/1"], reviewer: "Bộ Thông tin và Truyền thông", reviewerURL: "https://covizone.example", language: "vi"
            )
        )
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(review)) as? [String: Any])
        #expect(object["@context"] as? String == "https://schema.org" && object["@type"] as? String == "ClaimReview")
        #expect(object["datePublished"] as? String == "2027-01-15" && object["claimReviewed"] as? String == "Uống nước muối diệt được virus corona")
        let rating = try #require(object["reviewRating"] as? [String: Any])
        #expect(rating["@type"] as? String == "Rating" && rating["ratingValue"] as? Int == 1 && rating["bestRating"] as? Int == 5 && rating["worstRating"] as? Int == 1)
        #expect(rating["alternateName"] as? String == "Sai")
        let item = try #require(object["itemReviewed"] as? [String: Any])
        #expect(item["@type"] as? String == "Claim" && (item["appearance"] as? [[String: Any]])?.first?["url"] as? String == "https://facebook.com/posts/1")
        #expect((object["author"] as? [String: Any])?["@type"] as? String == "Organization")
        #expect(ClaimReview(url: "", published: Date(), claim: "x", status: .inProgress, verdictName: "", verdict: "", appearances: [], reviewer: "", reviewerURL: "", language: "vi") == nil)
    }
}
