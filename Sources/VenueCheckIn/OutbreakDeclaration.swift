import CovizoneCore
import Foundation

/// A health authority's declaration of an outbreak at a venue, checked: the window when
/// infectious people were there (it has begun, and ends after it begins), the warning visitors
/// read (1 to 300 characters) and its severity.
public struct OutbreakDeclaration: Sendable, Equatable {
    public var venueID: Int64
    public var from: Date
    /// The window's end, at most a day ahead of the declaration.
    public var to: Date
    public var message: String
    public var severity: OutbreakSeverity

    /// The longest warning, so that it fits a text message of a few parts.
    public static let maximumMessageLength = 300
    /// How far ahead of the declaration a window may reach.
    public static let longestLookAhead: TimeInterval = 86_400

    /// Checks the raw fields (`from` and `to` in ISO 8601) and reports every problem at once.
    public init(venueID: Int64, from: String, to: String, message: String, severity: String, now: Date) throws(ValidationFailure) {
        var problems: [FieldError] = []
        let start = InputDate.iso8601(from)
        let end = InputDate.iso8601(to)
        if start == nil { problems.append(FieldError(field: "from", message: "must be an ISO 8601 date and time")) }
        if end == nil { problems.append(FieldError(field: "to", message: "must be an ISO 8601 date and time")) }
        if let start, let end, end <= start { problems.append(FieldError(field: "to", message: "must be after from")) }
        if let start, start > now { problems.append(FieldError(field: "from", message: "must not be in the future")) }
        let trimmed = message.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(1...Self.maximumMessageLength).contains(trimmed.count) {
            problems.append(FieldError(field: "message", message: "must be 1 to \(Self.maximumMessageLength) characters"))
        }
        let level = OutbreakSeverity(rawValue: severity)
        if level == nil { problems.append(FieldError(field: "severity", message: "must be low, medium or high")) }
        guard problems.isEmpty, let start, let end, let level else { throw ValidationFailure(problems) }
        self.venueID = venueID
        self.from = start
        self.to = min(end, now + Self.longestLookAhead)
        self.message = trimmed
        self.severity = level
    }
}
