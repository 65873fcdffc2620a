/// Where a claim stands, as Meedan Check names it: not looked at, being checked, or decided.
public enum ClaimStatus: String, CaseIterable, Codable, Sendable {
    case undetermined
    case inProgress = "in-progress"
    case `false`
    case misleading
    case `true`
    case notApplicable = "not-applicable"

    /// True for the statuses that answer the claim (and may be published).
    public var isVerdict: Bool {
        switch self {
        case .false, .misleading, .true: true
        case .undetermined, .inProgress, .notApplicable: false
        }
    }

    /// The rating a ClaimReview gives (1 worst … 5 best); nil when there is no verdict.
    var rating: Int? {
        switch self {
        case .false: 1
        case .misleading: 2
        case .true: 5
        case .undetermined, .inProgress, .notApplicable: nil
        }
    }
}
