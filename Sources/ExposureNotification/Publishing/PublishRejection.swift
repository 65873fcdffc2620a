/// Why a publish request was refused, with the error code of the GAEN key server API so that
/// apps can show a localised message.
public struct PublishRejection: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case badRequest = "bad_request"
        case unknownHealthAuthority = "unknown_health_authority_id"
        case certificateInvalid = "health_authority_verification_certificate_invalid"
        case missingRevisionToken = "missing_revision_token"
        case invalidRevisionToken = "invalid_revision_token"
        case keyAlreadyRevised = "key_already_revised"
        case invalidReportTypeTransition = "invalid_report_type_transition"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
