/// Why a request to the misinformation desk cannot be done.
enum MisinformationError: Error, Equatable {
    case claimNotFound(claimID: Int64)
    case takedownNotFound(takedownID: Int64)
    case accountNotFound(accountID: Int64)
    /// Province desks change their province's claims; national ones are the ministry's.
    case outsideProvince(allowed: String?)
    /// One address sent more tips than an hour allows.
    case tooManyTips
    /// Training needs decided claims of both kinds.
    case notEnoughVerdicts(samples: Int, unreliable: Int)
    /// A takedown request cannot go from where it stands to what was asked.
    case takedownState(String)
}
