import Misinformation
import OfficialInformation

/// What the desk changes on a claim (`PATCH /api/v1/misinformation/claims/{id}`): only the
/// fields sent change; `null` clears `assigneeId`, `provinceCode` and `sourceUrl`.
struct ClaimPatch: Decodable, Sendable, Equatable {
    var status: ClaimStatus?
    var verdict: BilingualText?
    /// true publishes the verdict (a public page and the ClaimReview feed); false withdraws it.
    var publish: Bool?
    var assigneeId: Int64??
    /// nil in the inner optional: national.
    var provinceCode: String??
    var sourceUrl: String??
    /// Links that support the verdict (replacing those held).
    var evidence: [String]?
    /// A note added to the claim's history.
    var note: String?

    enum CodingKeys: String, CodingKey {
        case status, verdict, publish, assigneeId, provinceCode, sourceUrl, evidence, note
    }

    init(
        status: ClaimStatus? = nil, verdict: BilingualText? = nil, publish: Bool? = nil, assigneeId: Int64?? = nil, provinceCode: String?? = nil,
        sourceUrl: String?? = nil, evidence: [String]? = nil, note: String? = nil
    ) {
        self.status = status
        self.verdict = verdict
        self.publish = publish
        self.assigneeId = assigneeId
        self.provinceCode = provinceCode
        self.sourceUrl = sourceUrl
        self.evidence = evidence
        self.note = note
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decodeIfPresent(ClaimStatus.self, forKey: .status)
        verdict = try container.decodeIfPresent(BilingualText.self, forKey: .verdict)
        publish = try container.decodeIfPresent(Bool.self, forKey: .publish)
        evidence = try container.decodeIfPresent([String].self, forKey: .evidence)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        if container.contains(.assigneeId) { assigneeId = .some(try container.decodeIfPresent(Int64.self, forKey: .assigneeId)) }
        if container.contains(.provinceCode) { provinceCode = .some(try container.decodeIfPresent(String.self, forKey: .provinceCode)) }
        if container.contains(.sourceUrl) { sourceUrl = .some(try container.decodeIfPresent(String.self, forKey: .sourceUrl)) }
    }

    var isEmpty: Bool { self == ClaimPatch() }
}
