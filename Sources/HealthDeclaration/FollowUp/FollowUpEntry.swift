import CovizoneCore

/// A health authority's follow-up of a declaration as typed, checked: a status an officer may
/// record and a note of at most ``maximumNoteLength`` characters.
public struct FollowUpEntry: Sendable, Equatable {
    public var status: FollowUpStatus
    public var note: String

    public static let maximumNoteLength = 1000

    /// Checks the raw fields and reports every problem at once.
    public init(status: String, note: String) throws(ValidationFailure) {
        var problems: [FieldError] = []
        let recorded = FollowUpStatus(rawValue: status).flatMap { $0 == .new ? nil : $0 }
        if recorded == nil {
            problems.append(FieldError(field: "status", message: "must be one of \(FollowUpStatus.recordable.map(\.rawValue).joined(separator: ", "))"))
        }
        let trimmed = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count > Self.maximumNoteLength {
            problems.append(FieldError(field: "note", message: "must be at most \(Self.maximumNoteLength) characters"))
        }
        guard problems.isEmpty, let recorded else { throw ValidationFailure(problems) }
        self.status = recorded
        self.note = trimmed
    }
}
