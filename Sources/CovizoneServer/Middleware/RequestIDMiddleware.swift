import Foundation
import HTTPTypes
import Hummingbird

/// Gives every request an id: the caller's `X-Request-ID` when it is sane, else the server's own.
/// The id goes into every log line (`request.id`) and back in the response header.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        let requestID = request.headers[.xRequestID].flatMap(Self.sanitized) ?? context.id
        context.logger[metadataKey: "request.id"] = .string(requestID)
        var response = try await next(request, context)
        response.headers[.xRequestID] = requestID
        return response
    }

    /// Accepts 1 to 128 characters of letters, digits, `-`, `_` and `.`.
    static func sanitized(_ value: String) -> String? {
        guard (1...128).contains(value.count),
            value.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) })
        else { return nil }
        return value
    }
}

extension AppRequestContext {
    /// The id of this request, as logged and returned in `X-Request-ID`.
    var requestID: String {
        logger[metadataKey: "request.id"].map { "\($0)" } ?? id
    }
}

extension HTTPField.Name {
    static let xRequestID = HTTPField.Name("X-Request-ID")!
}
