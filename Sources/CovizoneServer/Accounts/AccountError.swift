/// Why a sign-in is refused.
enum AccountError: Error, Equatable {
    /// Too many failed sign-ins for the account or from the address: wait.
    case throttled(retryAfterSeconds: Int)
    /// The username and password do not match an account (which of the two is not told).
    case wrongCredentials
}
