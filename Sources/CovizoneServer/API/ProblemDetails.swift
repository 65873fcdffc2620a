import CovizoneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The RFC 9457 body of every API error (`application/problem+json`).
struct ProblemDetails: Codable, Sendable {
    var type = "about:blank"
    var title: String
    var status: Int
    var detail: String
    var instance: String
    var requestId: String
    /// Present for validation failures: one entry per bad field.
    var errors: [FieldError]?
    /// A stable reason code, where the endpoint defines one.
    var code: String?

    init(error: APIError, path: String, requestID: String) {
        self.title = error.status.reasonPhrase
        self.status = error.status.code
        self.detail = error.detail
        self.instance = path
        self.requestId = requestID
        self.errors = error.errors.isEmpty ? nil : error.errors
        self.code = error.code
    }

    func response(headers extra: HTTPFields) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(self)) ?? Data("{\"status\":\(status)}".utf8)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        headers.append(contentsOf: extra)
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
