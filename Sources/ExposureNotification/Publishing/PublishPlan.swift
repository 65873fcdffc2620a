import Foundation

/// What the key server already holds for a key that a phone publishes again.
public struct StoredKeyState: Sendable {
    public var reportType: ReportType
    public var isRevised: Bool
    /// Whether the request's revision token is the one handed out with this key.
    public var revisionTokenMatches: Bool

    public init(reportType: ReportType, isRevised: Bool, revisionTokenMatches: Bool) {
        self.reportType = reportType
        self.isRevised = isRevised
        self.revisionTokenMatches = revisionTokenMatches
    }
}

/// How accepted keys change the store: keys seen for the first time are inserted, keys published
/// before with a likely diagnosis are revised (GAEN key revision), unchanged keys are left alone.
public struct PublishPlan: Sendable {
    public var newKeys: [AcceptedKey] = []
    public var revisedKeys: [AcceptedKey] = []
    public var warnings: [String] = []

    /// Decides the fate of each key, or refuses the whole request when a revision is not allowed.
    /// - Parameters:
    ///   - stored: the keys among `accepted` that are already stored, by key bytes.
    ///   - revisionTokenGiven: whether the request carried a revision token.
    public init(accepted: [AcceptedKey], stored: [Data: StoredKeyState], revisionTokenGiven: Bool) throws(PublishRejection) {
        for (index, key) in accepted.enumerated() {
            let newType = key.diagnosisKey.reportType
            guard let existing = stored[key.diagnosisKey.key.keyData] else {
                if newType == .revoked {
                    warnings.append("key \(index) was never published; nothing to revoke")
                } else {
                    newKeys.append(key)
                }
                continue
            }
            guard revisionTokenGiven else {
                throw PublishRejection(.missingRevisionToken, "key \(index) was published before; send the revision token given then")
            }
            guard existing.revisionTokenMatches else {
                throw PublishRejection(.invalidRevisionToken, "the revision token does not belong to key \(index)")
            }
            if existing.reportType == newType { continue }
            guard !existing.isRevised else { throw PublishRejection(.keyAlreadyRevised, "key \(index) has already been revised once") }
            guard existing.reportType.allowsRevision(to: newType) else {
                throw PublishRejection(.invalidReportTypeTransition, "key \(index) cannot change from \(existing.reportType) to \(newType)")
            }
            revisedKeys.append(key)
        }
    }
}
