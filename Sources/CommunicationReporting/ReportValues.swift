import CovizoneCore

/// A unit's values for one round, checked against the form: known elements only, whole numbers
/// from 0, and for each channel `reached` at most `target` unless the unit's note on that channel
/// explains why.
public struct ReportValues: Sendable, Equatable {
    public static let maximumNoteLength = 1000
    public static let maximumProposalsLength = 5000
    /// The largest value a unit reports: ten times Vietnam's people, so that no sum up the tree overflows.
    public static let maximumValue = 1_000_000_000

    public let values: [String: Int]
    public let notes: [String: String]
    public let proposals: String

    /// Checks everything at once; field names are `values.ELEMENT`, `notes.CHANNEL` and `proposals`.
    public init(values: [String: Int], notes: [String: String], proposals: String, form: ReportingForm) throws(ValidationFailure) {
        var problems: [FieldError] = []
        for (id, value) in values.sorted(by: { $0.key < $1.key }) {
            if form.element(id) == nil { problems.append(FieldError(field: "values.\(id)", message: "is not an element of form \(form.id) version \(form.version)")) }
            if value < 0 { problems.append(FieldError(field: "values.\(id)", message: "must be 0 or more")) }
            if value > Self.maximumValue { problems.append(FieldError(field: "values.\(id)", message: "must be at most \(Self.maximumValue)")) }
        }
        let channels = Set(form.channels.map(\.code))
        var trimmedNotes: [String: String] = [:]
        for (channel, note) in notes.sorted(by: { $0.key < $1.key }) {
            let trimmed = note.trimmingCharacters(in: .whitespacesAndNewlines)
            if !channels.contains(channel) { problems.append(FieldError(field: "notes.\(channel)", message: "is not a channel of form \(form.id)")) }
            if trimmed.count > Self.maximumNoteLength { problems.append(FieldError(field: "notes.\(channel)", message: "must be at most \(Self.maximumNoteLength) characters")) }
            if !trimmed.isEmpty { trimmedNotes[channel] = trimmed }
        }
        for channel in form.channels.map(\.code) {
            if let reached = values["\(channel).reached"], let target = values["\(channel).target"], reached > target, trimmedNotes[channel] == nil {
                problems.append(FieldError(field: "values.\(channel).reached", message: "is more than the target; explain it in notes.\(channel)"))
            }
        }
        if let staff = values["app.staff"], let installed = values["app.installed"], installed > staff {
            problems.append(FieldError(field: "values.app.installed", message: "is more than the staff"))
        }
        let trimmedProposals = proposals.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmedProposals.count > Self.maximumProposalsLength {
            problems.append(FieldError(field: "proposals", message: "must be at most \(Self.maximumProposalsLength) characters"))
        }
        try ValidationFailure.check(problems)
        self.values = values
        self.notes = trimmedNotes
        self.proposals = trimmedProposals
    }

    /// A count as people type it: `200000`, or grouped by thousands with dots, commas or spaces
    /// (`200.000`, `200,000`, `200 000`); nil for anything else (`1.5`, `-3`, `12a`).
    public static func count(from text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let groups = trimmed.split(omittingEmptySubsequences: false) { $0 == "." || $0 == "," || $0 == " " || $0 == "\u{00A0}" }
        guard let first = groups.first, !first.isEmpty, first.count <= (groups.count > 1 ? 3 : 18),
            groups.dropFirst().allSatisfy({ $0.count == 3 }), groups.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        return Int(groups.joined())
    }
}
