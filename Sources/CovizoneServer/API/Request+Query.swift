import CovizoneCore
import Hummingbird

extension Request {
    /// The whole-number query parameter `name`, which must lie in `range`; `fallback` when absent.
    func queryInteger(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let text = uri.queryParameters[name[...]] else { return fallback }
        guard let value = Int(String(text)), range.contains(value) else {
            throw APIError.invalid([FieldError(field: name, message: "must be a whole number from \(range.lowerBound) to \(range.upperBound)")])
        }
        return value
    }

    /// The province named by the query parameter `province` (`1` reads as `01`), nil when absent;
    /// a 422 for a code that names none.
    func queryProvince(divisions: AdministrativeDivisions) throws -> String? {
        guard let text = uri.queryParameters["province"].map(String.init) else { return nil }
        guard let province = divisions.province(code: text) else {
            throw APIError.invalid([FieldError(field: "province", message: "unknown province code \(text)")])
        }
        return province.code
    }
}

extension AppRequestContext {
    /// The numeric id in the path parameter `name`; a 404 naming `what` when it is not a number.
    func pathID(_ name: String = "id", of what: String) throws -> Int64 {
        guard let id = parameters.get(name, as: Int64.self) else { throw APIError.notFound(what) }
        return id
    }
}

extension Request {
    /// The id in the query parameter `name`, nil when absent; a 422 when it is not a number.
    func queryID(_ name: String) throws -> Int64? {
        guard let text = uri.queryParameters[name[...]] else { return nil }
        guard let id = Int64(String(text)) else { throw APIError.invalid([FieldError(field: name, message: "must be an id")]) }
        return id
    }
}

extension Response {
    /// A file to save: `bytes` of `contentType` named `filename`, never cached.
    static func attachment(_ bytes: ByteBuffer, contentType: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: contentType, .cacheControl: "no-store", .contentDisposition: "attachment; filename=\"\(filename)\""],
            body: ResponseBody(byteBuffer: bytes)
        )
    }
}
