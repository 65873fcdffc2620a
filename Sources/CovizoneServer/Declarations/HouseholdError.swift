/// Why a household's request is refused.
enum HouseholdError: Error, Equatable {
    /// Too many one-time codes went to this phone in the last hour.
    case tooManyCodesForPhone
    /// Too many codes were asked for, from this address or overall, in the last hour.
    case tooManyCodes
    case wrongCode
    /// No live code for the phone: it expired, was used, or was tried too often.
    case expiredCode
    /// No household token, or an expired or unknown one.
    case notSignedIn
    case tooManyMembers(limit: Int)
    case memberNotFound
    /// Declarations are followed up where the household lives, so it needs an address first.
    case addressRequired
}
