import Foundation

/// Query strings for the links pages build (the next page, a CSV of the same filter).
enum QueryString {
    /// `parameters` as a query string, empty ones left out, in a stable order.
    static func encode(_ parameters: [String: String]) -> String {
        parameters.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
    }
}
