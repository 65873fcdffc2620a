import Foundation
import Misinformation
import OfficialInformation
import SQLKit

/// A claim the desk checks: what people say (its title, the first text that said it), where it
/// stands, and the verdict once decided.
public struct ClaimRecord: Sendable, Equatable {
    public var id: Int64
    public var title: String
    /// nil: a national claim.
    public var provinceCode: String?
    public var status: ClaimStatus
    public var verdict: BilingualText?
    /// The official source that settles it.
    public var sourceURL: String?
    public var evidence: [String]
    public var assigneeID: Int64?
    /// The highest classifier score of its items (nil before any model).
    public var score: Double?
    public var items: Int
    public var firstSeenAt: Date
    public var decidedAt: Date?
    public var publishedAt: Date?
    public var updatedAt: Date

    /// Whether the verdict is public (a page and the ClaimReview feed).
    public var isPublished: Bool { publishedAt != nil && status.isVerdict }

    static let columns = [
        "id", "title", "province_code", "status", "verdict", "source_url", "evidence", "assignee_id", "score", "items", "first_seen_at", "decided_at",
        "published_at", "updated_at",
    ]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        title = try row.decode(column: "title", as: String.self)
        provinceCode = try row.optionalString("province_code")
        status = try row.value("status", as: ClaimStatus.self)
        verdict = try row.optionalString("verdict").map { try StoredJSON.value(BilingualText.self, from: $0) }
        sourceURL = try row.optionalString("source_url")
        evidence = try StoredJSON.value([String].self, from: try row.decode(column: "evidence", as: String.self))
        assigneeID = try row.optionalInt64("assignee_id")
        score = try row.optionalDouble("score")
        items = try row.decode(column: "items", as: Int.self)
        firstSeenAt = try row.date("first_seen_at")
        decidedAt = try row.optionalDate("decided_at")
        publishedAt = try row.optionalDate("published_at")
        updatedAt = try row.date("updated_at")
    }
}

/// One change to a claim, kept with who made it and when.
public struct ClaimEventRecord: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case status, verdict, published, unpublished, assigned, province, source, evidence, note, answered
    }

    public var id: Int64
    public var kind: Kind
    /// The status after the change.
    public var status: ClaimStatus?
    public var detail: String
    public var actor: String
    public var at: Date

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        kind = try row.value("kind", as: Kind.self)
        status = try row.optionalString("status").flatMap(ClaimStatus.init(rawValue:))
        detail = try row.decode(column: "detail", as: String.self)
        actor = try row.decode(column: "actor", as: String.self)
        at = try row.date("at")
    }
}

/// A tip or a monitored post, in the claim it says.
public struct MisinformationItemRecord: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Sent by a citizen (page, API or SMS).
        case tip
        /// Found by the province's or ministry's monitoring and imported.
        case post
    }

    public var id: Int64
    public var claimID: Int64
    public var kind: Kind
    /// `web`, `api`, `sms` or `import`.
    public var channel: String
    public var text: String
    public var url: String?
    public var platform: String?
    public var author: String?
    public var postedAt: Date?
    public var likes: Int
    public var comments: Int
    public var shares: Int
    /// A tipster's phone, kept only until the verdict is sent.
    public var phone: String?
    public var score: Double?
    public var receivedAt: Date
    public var answeredAt: Date?

    static let columns = [
        "id", "claim_id", "kind", "channel", "text", "url", "platform", "author", "posted_at", "likes", "comments", "shares", "phone", "score", "received_at",
        "answered_at",
    ]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        claimID = try row.decode(column: "claim_id", as: Int64.self)
        kind = try row.value("kind", as: Kind.self)
        channel = try row.decode(column: "channel", as: String.self)
        text = try row.decode(column: "text", as: String.self)
        url = try row.optionalString("url")
        platform = try row.optionalString("platform")
        author = try row.optionalString("author")
        postedAt = try row.optionalDate("posted_at")
        likes = try row.decode(column: "likes", as: Int.self)
        comments = try row.decode(column: "comments", as: Int.self)
        shares = try row.decode(column: "shares", as: Int.self)
        phone = try row.optionalString("phone")
        score = try row.optionalDouble("score")
        receivedAt = try row.date("received_at")
        answeredAt = try row.optionalDate("answered_at")
    }
}
