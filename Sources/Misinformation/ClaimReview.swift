import Foundation

/// A published verdict as schema.org's ClaimReview, the JSON-LD that search engines and
/// fact-check aggregators read: the claim as people spread it, where it appeared, the verdict's
/// text and its rating (1 false … 5 true), who reviewed it and when.
public struct ClaimReview: Encodable, Sendable, Equatable {
    public struct Organization: Encodable, Sendable, Equatable {
        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name, url
        }

        let type = "Organization"
        public var name: String
        public var url: String
    }

    public struct Rating: Encodable, Sendable, Equatable {
        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case ratingValue, bestRating, worstRating, alternateName
        }

        let type = "Rating"
        public var ratingValue: Int
        let bestRating = 5
        let worstRating = 1
        /// The verdict in words ("Sai", "Gây hiểu lầm").
        public var alternateName: String
    }

    public struct Claim: Encodable, Sendable, Equatable {
        public struct Appearance: Encodable, Sendable, Equatable {
            enum CodingKeys: String, CodingKey {
                case type = "@type"
                case url
            }

            let type = "CreativeWork"
            public var url: String
        }

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case appearance
        }

        let type = "Claim"
        public var appearance: [Appearance]
    }

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case type = "@type"
        case url, datePublished, claimReviewed, author, reviewRating, itemReviewed, reviewBody, inLanguage
    }

    let context = "https://schema.org"
    let type = "ClaimReview"
    public var url: String
    /// `YYYY-MM-DD`.
    public var datePublished: String
    public var claimReviewed: String
    public var author: Organization
    public var reviewRating: Rating
    public var itemReviewed: Claim
    public var reviewBody: String
    public var inLanguage: String

    /// The review of a claim decided `status` (nil unless the status is a verdict); `appearances`
    /// are the URLs where it was seen.
    public init?(
        url: String, published: Date, claim: String, status: ClaimStatus, verdictName: String, verdict: String, appearances: [String],
        reviewer: String, reviewerURL: String, language: String
    ) {
        guard let rating = status.rating else { return nil }
        self.url = url
        datePublished = Self.day(published)
        claimReviewed = claim
        author = Organization(name: reviewer, url: reviewerURL)
        reviewRating = Rating(ratingValue: rating, alternateName: verdictName)
        itemReviewed = Claim(appearance: appearances.map { Claim.Appearance(url: $0) })
        reviewBody = verdict
        inLanguage = language
    }

    /// The UTC day of `date`, `YYYY-MM-DD`.
    static func day(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle().year().month().day())
    }
}
