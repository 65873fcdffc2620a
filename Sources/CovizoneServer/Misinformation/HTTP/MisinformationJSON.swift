import CovizoneStore
import Foundation
import Hummingbird
import Misinformation
import OfficialInformation

/// A claim as the desk's API shows it.
struct ClaimItem: ResponseEncodable {
    var id: Int64
    var title: String
    var provinceCode: String?
    var status: ClaimStatus
    var verdict: BilingualText?
    var sourceUrl: String?
    var evidence: [String]
    var assigneeId: Int64?
    var score: Double?
    var items: Int
    var firstSeenAt: Date
    var decidedAt: Date?
    var publishedAt: Date?
    var updatedAt: Date
    /// The words that pushed the claim up the queue (queue only).
    var reasons: [String]?

    init(_ claim: ClaimRecord, reasons: [String]? = nil) {
        id = claim.id
        title = claim.title
        provinceCode = claim.provinceCode
        status = claim.status
        verdict = claim.verdict
        sourceUrl = claim.sourceURL
        evidence = claim.evidence
        assigneeId = claim.assigneeID
        score = claim.score.map { ($0 * 1_000).rounded() / 1_000 }
        items = claim.items
        firstSeenAt = claim.firstSeenAt
        decidedAt = claim.decidedAt
        publishedAt = claim.publishedAt
        updatedAt = claim.updatedAt
        self.reasons = reasons
    }
}

/// A tip or post as the desk sees it: a tipper's phone only masked (the last three digits).
struct ClaimEntryItem: Encodable, Sendable {
    var id: Int64
    var kind: MisinformationItemRecord.Kind
    var channel: String
    var text: String
    var url: String?
    var platform: String?
    var author: String?
    var postedAt: Date?
    var likes: Int
    var comments: Int
    var shares: Int
    var phone: String?
    var score: Double?
    var receivedAt: Date
    var answeredAt: Date?

    init(_ item: MisinformationItemRecord) {
        id = item.id
        kind = item.kind
        channel = item.channel
        text = item.text
        url = item.url
        platform = item.platform
        author = item.author
        postedAt = item.postedAt
        likes = item.likes
        comments = item.comments
        shares = item.shares
        phone = item.phone.map(Self.masked)
        score = item.score.map { ($0 * 1_000).rounded() / 1_000 }
        receivedAt = item.receivedAt
        answeredAt = item.answeredAt
    }

    static func masked(_ phone: String) -> String {
        String(repeating: "•", count: max(0, phone.count - 3)) + phone.suffix(3)
    }
}

/// A change in a claim's history.
struct ClaimEventItem: Encodable, Sendable {
    var kind: ClaimEventRecord.Kind
    var status: ClaimStatus?
    var detail: String
    var actor: String
    var at: Date

    init(_ event: ClaimEventRecord) {
        kind = event.kind
        status = event.status
        detail = event.detail
        actor = event.actor
        at = event.at
    }
}

/// A claim with its items and history.
struct ClaimDetailItem: ResponseEncodable {
    var claim: ClaimItem
    var assignee: String?
    var items: [ClaimEntryItem]
    var history: [ClaimEventItem]

    init(_ detail: ClaimService.Detail) {
        claim = ClaimItem(detail.claim)
        assignee = detail.assignee
        items = detail.items.map(ClaimEntryItem.init)
        history = detail.events.map(ClaimEventItem.init)
    }
}

/// A classifier version with its cross-validated figures.
struct ModelItem: ResponseEncodable {
    var id: Int64
    var samples: Int
    var unreliable: Int
    var folds: Int?
    var auc: Double?
    var precision: Double?
    var recall: Double?
    var trainedBy: String
    var trainedAt: Date

    init(_ model: ClassifierModelRecord) {
        id = model.id
        samples = model.samples
        unreliable = model.unreliable
        folds = model.evaluation?.folds
        auc = model.evaluation.map { ($0.auc * 1_000).rounded() / 1_000 }
        precision = model.evaluation.map { ($0.precision * 1_000).rounded() / 1_000 }
        recall = model.evaluation.map { ($0.recall * 1_000).rounded() / 1_000 }
        trainedBy = model.trainedBy
        trainedAt = model.trainedAt
    }
}

/// A takedown request and where its clock stands.
struct TakedownItem: ResponseEncodable {
    var id: Int64
    var claimId: Int64
    var platform: String
    var legalBasis: String
    var provinceCode: String?
    var itemIds: [Int64]
    var createdBy: String
    var createdAt: Date
    var sentAt: Date?
    var dueAt: Date?
    var acknowledgedAt: Date?
    var outcome: TakedownRecord.Outcome?
    var removedAt: Date?
    var closedAt: Date?
    var overdue: Bool

    init(_ request: TakedownRecord, now: Date) {
        id = request.id
        claimId = request.claimID
        platform = request.platform
        legalBasis = request.legalBasis
        provinceCode = request.provinceCode
        itemIds = request.itemIDs
        createdBy = request.createdBy
        createdAt = request.createdAt
        sentAt = request.sentAt
        dueAt = request.dueAt
        acknowledgedAt = request.acknowledgedAt
        outcome = request.outcome
        removedAt = request.removedAt
        closedAt = request.closedAt
        overdue = request.isOverdue(at: now)
    }
}

/// A spreader account with its links and decisions.
struct SpreaderItem: ResponseEncodable {
    struct Decision: Encodable, Sendable {
        var kind: SpreaderAccountRecord.Decision.Kind
        var basis: String
        var note: String
        var officer: String
        var at: Date
    }

    struct Link: Encodable, Sendable {
        var claimId: Int64
        var itemId: Int64?
    }

    var id: Int64
    var platform: String
    var handle: String
    var url: String?
    var provinceCode: String?
    var createdBy: String
    var createdAt: Date
    var lastActivityAt: Date
    var links: [Link]
    var decisions: [Decision]

    init(_ account: SpreaderAccountRecord) {
        id = account.id
        platform = account.platform
        handle = account.handle
        url = account.url
        provinceCode = account.provinceCode
        createdBy = account.createdBy
        createdAt = account.createdAt
        lastActivityAt = account.lastActivityAt
        links = account.links.map { Link(claimId: $0.claimID, itemId: $0.itemID) }
        decisions = account.decisions.map { Decision(kind: $0.kind, basis: $0.basis, note: $0.note, officer: $0.officer, at: $0.at) }
    }
}
