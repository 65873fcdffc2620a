/// Why an account could not be created, read or changed, or an invitation not used.
enum AccountManagementError: Error, Equatable {
    /// The caller may not create or manage this account (its role or province).
    case notAllowed(String)
    case notFound(Int64)
    case usernameTaken(String)
    /// The invitation does not exist, was used or replaced, expired, or its account is disabled.
    case invitationInvalid
}
