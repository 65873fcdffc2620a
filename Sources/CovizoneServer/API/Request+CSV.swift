import Hummingbird

extension Request {
    /// A `text/csv` body of at most `limit` bytes as text; anything else is refused.
    func csvBody(limit: Int) async throws -> String {
        if let contentType = headers[.contentType], !contentType.lowercased().hasPrefix("text/csv") {
            throw APIError(.unsupportedMediaType, "Send the rows as text/csv.")
        }
        let buffer = try await body.collect(upTo: limit)
        guard let csv = String(validating: buffer.readableBytesView, as: UTF8.self) else { throw CSVImportError.notUTF8 }
        return csv
    }
}
