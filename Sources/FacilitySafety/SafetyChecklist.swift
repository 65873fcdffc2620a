import CovizoneCore
import Foundation

/// A versioned daily checklist for some facility types, kept as data (JSON) so that a new
/// epidemic or new guidance means new files, not new code.
public struct SafetyChecklist: Codable, Sendable, Equatable {
    public var id: String
    public var version: Int
    public var title: LocalizedText
    /// The guidance the checklist is written from.
    public var source: String
    /// The facility types that use this checklist.
    public var facilityTypes: [FacilityType]
    public var items: [Item]

    /// One task a facility does every day, weighted by the risk it leaves when not done.
    public struct Item: Codable, Sendable, Equatable {
        public var id: String
        public var text: LocalizedText
        /// A positive whole number: the item's share of the risk percentage.
        public var weight: Int
        /// A critical task not done turns the facility red whatever its score.
        public var critical: Bool
        /// The clause of the guidance the item comes from.
        public var source: String
        /// What citizens report when they see this task not done.
        public var feedbackCategories: [FeedbackCategory]

        public init(id: String, text: LocalizedText, weight: Int, critical: Bool, source: String, feedbackCategories: [FeedbackCategory] = []) {
            self.id = id
            self.text = text
            self.weight = weight
            self.critical = critical
            self.source = source
            self.feedbackCategories = feedbackCategories
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                id: try container.decode(String.self, forKey: .id), text: try container.decode(LocalizedText.self, forKey: .text),
                weight: try container.decode(Int.self, forKey: .weight), critical: try container.decode(Bool.self, forKey: .critical),
                source: try container.decode(String.self, forKey: .source),
                feedbackCategories: try container.decodeIfPresent([FeedbackCategory].self, forKey: .feedbackCategories) ?? []
            )
        }
    }

    public init(id: String, version: Int, title: LocalizedText, source: String, facilityTypes: [FacilityType], items: [Item]) throws(ChecklistDefect) {
        self.id = id
        self.version = version
        self.title = title
        self.source = source
        self.facilityTypes = facilityTypes
        self.items = items
        try validate()
    }

    /// Decodes and checks a checklist file.
    public static func load(from data: Data) throws -> SafetyChecklist {
        let checklist = try JSONDecoder().decode(SafetyChecklist.self, from: data)
        try checklist.validate()
        return checklist
    }

    /// The total of every item's weight: the denominator of the risk percentage.
    public var totalWeight: Int { items.reduce(0) { $0 + $1.weight } }

    /// The items a report of `category` concerns.
    public func items(concerning category: FeedbackCategory) -> [Item] {
        items.filter { $0.feedbackCategories.contains(category) }
    }

    /// Checks what the decoder cannot: a usable id and version, unique item ids, positive weights.
    public func validate() throws(ChecklistDefect) {
        let idCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        guard !id.isEmpty, id.allSatisfy(idCharacters.contains) else { throw .invalid("checklist id '\(id)' must be lower-case letters, digits and '-'") }
        guard version >= 1 else { throw .invalid("checklist \(id): version must be 1 or more") }
        guard !facilityTypes.isEmpty else { throw .invalid("checklist \(id): names no facility type") }
        guard !items.isEmpty else { throw .invalid("checklist \(id): has no items") }
        var seen: Set<String> = []
        for item in items {
            guard !item.id.isEmpty, item.id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
                throw .invalid("checklist \(id): item id '\(item.id)' must be ASCII letters, digits, '-', '_' or '.'")
            }
            guard seen.insert(item.id).inserted else { throw .invalid("checklist \(id): item '\(item.id)' is given twice") }
            guard (1...1000).contains(item.weight) else { throw .invalid("checklist \(id): item '\(item.id)' needs a weight from 1 to 1000") }
        }
    }
}

/// A checklist file that cannot be used.
public enum ChecklistDefect: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let reason): reason
        }
    }
}
