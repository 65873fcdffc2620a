import CovizoneCore
import Foundation
import Hummingbird

extension Request {
    /// Decodes a JSON body of at most `limit` bytes (1 MiB unless a route says more). Unparsable JSON is a 400; a missing field, a wrong type or a bad value
    /// is a 422 that names the field.
    func decodeJSON<T: Decodable>(as type: T.Type, context: AppRequestContext, limit: Int? = nil) async throws -> T {
        if let contentType = headers[.contentType], !contentType.lowercased().contains("json") {
            throw APIError(.unsupportedMediaType, "Send the body as application/json.")
        }
        let buffer = try await body.collect(upTo: limit ?? context.maxUploadSize)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw APIError(decodingError: error)
        }
    }
}

extension APIError {
    /// Maps what `JSONDecoder` reports to a 400 (not JSON) or a 422 (wrong shape), naming the field.
    init(decodingError: DecodingError) {
        let field = DecodingError.fieldPath
        switch decodingError {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            self = .malformed("The body is not valid JSON.")
        case .dataCorrupted(let context):
            self = .invalid([FieldError(field: field(context.codingPath), message: "has an invalid value")])
        case .keyNotFound(let key, let context):
            self = .invalid([FieldError(field: field(context.codingPath + [key]), message: "is required")])
        case .valueNotFound(_, let context) where context.codingPath.isEmpty:
            self = .malformed("The body must be a JSON object, not null.")
        case .valueNotFound(_, let context):
            self = .invalid([FieldError(field: field(context.codingPath), message: "must not be null")])
        case .typeMismatch(let type, let context) where context.codingPath.isEmpty:
            self = .malformed("The body must be a JSON \(type is [Any].Type ? "array" : "object").")
        case .typeMismatch(let type, let context):
            self = .invalid([FieldError(field: field(context.codingPath), message: "must be of type \(type)")])
        @unknown default:
            self = .malformed("The body could not be read.")
        }
    }
}

extension DecodingError {
    /// A coding path as people read it: `temporaryExposureKeys.[2].key`.
    static func fieldPath(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
