import Foundation
import Hummingbird

extension Request {
    /// The path with its query, for coming back to the same page after signing in or switching language.
    var pathAndQuery: String {
        uri.path + (uri.query.map { "?" + $0 } ?? "")
    }

    /// The query's fields as a browser's GET form sends them (`+` for a space); empty when the
    /// query is not valid form encoding.
    var formQuery: [String: String] {
        uri.query.flatMap(FormEncoding.decode) ?? [:]
    }

    /// The fields of an `application/x-www-form-urlencoded` body (at most `limit` bytes, 64 KiB
    /// unless a form needs more). The first value of a repeated field wins; a body that is not
    /// valid form encoding is a 400.
    func formFields(limit: Int = 64 * 1024) async throws -> [String: String] {
        let buffer = try await body.collect(upTo: limit)
        guard let fields = FormEncoding.decode(String(buffer: buffer)) else {
            throw APIError(.badRequest, "The form could not be read.")
        }
        return fields
    }

    /// Every value of every field of a form body, in order (check boxes and multiple selections
    /// repeat a name); a body that is not valid form encoding is a 400.
    func formFieldValues(limit: Int = 64 * 1024) async throws -> [String: [String]] {
        let buffer = try await body.collect(upTo: limit)
        guard let fields = FormEncoding.decodeAll(String(buffer: buffer)) else {
            throw APIError(.badRequest, "The form could not be read.")
        }
        return fields
    }
}

/// `application/x-www-form-urlencoded` as browsers send it.
enum FormEncoding {
    /// The fields of `body` (the first value of a repeated name), or `nil` when a name or value
    /// has a broken percent escape.
    static func decode(_ body: String) -> [String: String]? {
        decodeAll(body)?.compactMapValues(\.first)
    }

    /// Every value of every field of `body`, in order, or `nil` when an escape is broken.
    static func decodeAll(_ body: String) -> [String: [String]]? {
        var fields: [String: [String]] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = unescape(parts[0]), let value = unescape(parts.count > 1 ? parts[1] : "") else { return nil }
            fields[name, default: []].append(value)
        }
        return fields
    }

    private static func unescape(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// `fields` as a query or body, names in order; empty values left out.
    static func encode(_ fields: [String: String]) -> String {
        fields.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { escape($0.key) + "=" + escape($0.value) }.joined(separator: "&")
    }

    /// Letters, digits and `-._~` as they are; everything else percent-escaped as UTF-8.
    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}

/// A `next` parameter is followed only when it is a path on this site: it starts with one `/`,
/// and holds no backslash or control character that a browser might strip or reinterpret into
/// another host.
func safeRedirectPath(_ next: String?) -> String {
    guard let next, next.hasPrefix("/"), !next.hasPrefix("//"),
        !next.unicodeScalars.contains(where: { $0 == "\\" || CharacterSet.controlCharacters.contains($0) || $0 == " " })
    else { return "/" }
    return next
}
