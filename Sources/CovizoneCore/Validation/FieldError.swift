/// One problem with one input field, as reported to users and in API problem details.
public struct FieldError: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The name of the field as the user sent it (`username`, `province`, a JSON key path).
    public var field: String
    /// What is wrong, in plain words.
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Input that failed validation; carries every problem found, not only the first.
public struct ValidationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [FieldError]

    public init(_ errors: [FieldError]) {
        self.errors = errors
    }

    /// Throws when `errors` is not empty.
    public static func check(_ errors: [FieldError]) throws(ValidationFailure) {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }

    public var description: String { errors.map(\.description).joined(separator: "; ") }
}
