import Hummingbird

extension VerificationError {
    /// The answer Google's verification server gives for this error.
    var reply: Response {
        switch self {
        case .quotaExceeded: DeviceReply.failure(.tooManyRequests, code: "quota_exceeded", message: "too many wrong codes; wait and retry", style: .verification)
        case .codeInvalid(let reason): DeviceReply.failure(.badRequest, code: "code_invalid", message: reason, style: .verification)
        case .codeNotFound: DeviceReply.failure(.badRequest, code: "code_not_found", message: "no such upload code", style: .verification)
        case .codeExpired:
            DeviceReply.failure(.badRequest, code: "code_expired", message: "the upload code has expired; ask for a new one", style: .verification)
        case .codeUsed: DeviceReply.failure(.badRequest, code: "code_invalid", message: "the upload code has already been used", style: .verification)
        case .unsupportedTestType(let type):
            DeviceReply.failure(
                .preconditionFailed, code: "unsupported_test_type", message: "the code is for a \(type) diagnosis, which the app does not accept",
                style: .verification
            )
        case .hmacInvalid: DeviceReply.failure(.badRequest, code: "hmac_invalid", message: "ekeyhmac must be a base64 HMAC-SHA256", style: .verification)
        case .tokenInvalid:
            DeviceReply.failure(.badRequest, code: "token_invalid", message: "the verification token is unknown or already used", style: .verification)
        case .tokenExpired: DeviceReply.failure(.badRequest, code: "token_expired", message: "the verification token has expired", style: .verification)
        }
    }
}
