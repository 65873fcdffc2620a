/// Why an account could not be created, read or changed, or an invitation not used.
enum AccountManagementError: Error, Equatable {
    /// The caller may not create or manage this account (its role or province).
    case notAllowed(String)
    case notFound(Int64)
    case usernameTaken(String)
    /// The invitation does not exist, was used or replaced, expired, or its account is disabled.
    case invitationInvalid
    /// An import file that is not a CSV of accounts.
    case notCSV(String)
    /// Rows of an import with problems: nothing was created.
    case importRejected([AccountImport.RowError])
}
