/// Why the verification server refuses a phone, with the error codes of Google's verification
/// server (`errorCode`), which exposure notification apps branch on.
enum VerificationError: Error, Equatable {
    /// Too many wrong codes from this address or overall: wait and retry.
    case quotaExceeded
    case codeInvalid(reason: String)
    case codeNotFound
    case codeExpired
    case codeUsed
    /// The code is for a diagnosis the app says it does not accept.
    case unsupportedTestType(String)
    case hmacInvalid
    case tokenInvalid
    case tokenExpired
}
