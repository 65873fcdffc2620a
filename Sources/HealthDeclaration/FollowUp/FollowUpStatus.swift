/// Where a health authority's follow-up of a declaration stands, in the order a case goes
/// through them (WHO Go.Data's manner). The raw values are the strings of the API and the store.
public enum FollowUpStatus: String, Codable, Sendable, CaseIterable {
    /// Nobody has followed the declaration up yet.
    case new
    case contacted
    case seenWell = "seen-well"
    case seenUnwell = "seen-unwell"
    case referredForTesting = "referred-for-testing"
    case isolated
    case closed

    /// The statuses an officer records (every one but `new`).
    public static var recordable: [FollowUpStatus] { allCases.filter { $0 != .new } }
}
