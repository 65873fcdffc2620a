import Foundation
import HealthDataExchange
import HTTPTypes
import Hummingbird
import NIOCore

/// FHIR's answers: `application/fhir+json` bodies, and every error as an OperationOutcome (never
/// problem JSON) under `/fhir`.
enum FHIRResponse {
    static let contentType = "application/fhir+json; charset=utf-8"

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var fields: HTTPFields = [.contentType: contentType, .cacheControl: "no-store"]
        fields.append(contentsOf: headers)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(value))))
    }

    /// The OperationOutcome of any error a FHIR endpoint meets.
    static func failure(_ error: any Error) -> Response {
        let status: HTTPResponse.Status
        let outcome: FHIROperationOutcome
        var headers: HTTPFields = [:]
        if let failure = error as? FHIRFailure {
            (status, outcome) = (failure.status, failure.outcome)
        } else if case HealthExchangeError.refused(let refusal) = error {
            (status, outcome) = (.unprocessableContent, refusal)
        } else if case HealthExchangeError.notFound(let missing) = error {
            (status, outcome) = (.notFound, missing)
        } else {
            let problem = ErrorMiddleware.apiError(for: error)
            status = problem.status
            headers = problem.headers
            let code = issueCode(for: status)
            let issues = problem.errors.map { FHIROperationOutcome.Issue(code: code, diagnostics: $0.message, expression: [$0.field]) }
            outcome = FHIROperationOutcome(issue: issues.isEmpty ? [.init(severity: status.code >= 500 ? "fatal" : "error", code: code, diagnostics: problem.detail)] : issues)
        }
        return (try? json(outcome, status: status, headers: headers)) ?? Response(status: status)
    }

    /// FHIR's issue type for an HTTP status.
    static func issueCode(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "structure"
        case 401: "login"
        case 403: "forbidden"
        case 404: "not-found"
        case 409: "conflict"
        case 413: "too-costly"
        case 415: "not-supported"
        case 422: "invalid"
        case 429: "throttled"
        default: status.code >= 500 ? "exception" : "processing"
        }
    }
}

/// A request the FHIR endpoints refuse before the exchange sees it, answered as an OperationOutcome.
struct FHIRFailure: Error {
    var status: HTTPResponse.Status
    var outcome: FHIROperationOutcome
}
