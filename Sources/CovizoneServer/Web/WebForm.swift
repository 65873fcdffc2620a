import Foundation
import Hummingbird

extension Request {
    /// The fields of an `application/x-www-form-urlencoded` body (at most 64 KiB).
    func formFields() async throws -> [String: String] {
        let buffer = try await body.collect(upTo: 64 * 1024)
        var components = URLComponents()
        components.percentEncodedQuery = String(buffer: buffer).replacingOccurrences(of: "+", with: "%20")
        var fields: [String: String] = [:]
        for item in components.queryItems ?? [] where fields[item.name] == nil {
            fields[item.name] = item.value ?? ""
        }
        return fields
    }
}

/// A `next` parameter is followed only when it is a path on this site, never another host.
func safeRedirectPath(_ next: String?) -> String {
    guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\") else { return "/" }
    return next
}
