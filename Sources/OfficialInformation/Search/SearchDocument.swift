import Foundation

/// A question-and-answer entry as search sees it: its texts in every language, its topics, where
/// it applies and when.
public struct SearchDocument: Sendable, Equatable {
    public var id: Int64
    /// The question in every language it is written in.
    public var question: String
    public var answer: String
    public var topics: [String]
    /// The province the entry is about; nil for the whole country.
    public var provinceCode: String?
    public var validFrom: Date?
    public var validUntil: Date?

    public init(id: Int64, question: String, answer: String, topics: [String], provinceCode: String?, validFrom: Date?, validUntil: Date?) {
        self.id = id
        self.question = question
        self.answer = answer
        self.topics = topics
        self.provinceCode = provinceCode
        self.validFrom = validFrom
        self.validUntil = validUntil
    }

    /// True when the entry is in force at `date`.
    func isValid(at date: Date) -> Bool {
        (validFrom.map { $0 <= date } ?? true) && (validUntil.map { date < $0 } ?? true)
    }

    /// True for a national entry, or one of `province` (any entry when `province` is nil).
    func applies(to province: String?) -> Bool {
        guard let province, let provinceCode else { return true }
        return provinceCode == province
    }
}

/// One entry found, with its BM25 score and how much of the query it answers.
public struct SearchHit: Sendable, Equatable {
    public var id: Int64
    public var score: Double
    /// The share (0…1) of the query's weight, by rarity of its words, that the entry contains:
    /// low when only common words match.
    public var coverage: Double
}
