import Foundation
import CovizoneCore

/// What officers write for citizens: Vietnamese always, English when they add it (`{"vi": …,
/// "en": …}`); readers of English see the Vietnamese where no English was written.
public struct BilingualText: Codable, Sendable, Equatable, Hashable {
    public var vi: String
    public var en: String?

    public init(vi: String, en: String? = nil) {
        self.vi = vi
        self.en = en
    }

    /// The text in `language` ("vi" or "en"), Vietnamese when there is no English.
    public func text(in language: String) -> String {
        language == "en" ? (en.flatMap { $0.isEmpty ? nil : $0 } ?? vi) : vi
    }

    /// The problems of the text as field `field`: Vietnamese is needed, and neither language may be
    /// longer than `maximumLength` characters.
    public func problems(as field: String, maximumLength: Int) -> [FieldError] {
        var problems: [FieldError] = []
        if vi.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append(FieldError(field: "\(field).vi", message: "is required")) }
        if vi.count > maximumLength { problems.append(FieldError(field: "\(field).vi", message: "must be at most \(maximumLength) characters")) }
        if (en?.count ?? 0) > maximumLength { problems.append(FieldError(field: "\(field).en", message: "must be at most \(maximumLength) characters")) }
        return problems
    }

    /// Both languages without surrounding spaces; an empty English becomes none.
    public var trimmed: BilingualText {
        let english = en?.trimmingCharacters(in: .whitespacesAndNewlines)
        return BilingualText(vi: vi.trimmingCharacters(in: .whitespacesAndNewlines), en: english?.isEmpty == false ? english : nil)
    }
}
