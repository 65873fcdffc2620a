import Foundation
import OfficialInformation
import SQLKit

/// What officers write in a question-and-answer entry (one revision's content).
public struct InfoEntryContent: Codable, Sendable, Equatable {
    public var question: BilingualText
    public var answer: BilingualText
    /// The answer sent by SMS; the answer itself when none is written.
    public var shortAnswer: BilingualText?
    public var topics: [String]
    /// nil: the whole country.
    public var provinceCode: String?
    /// The document the answer rests on.
    public var source: String
    public var validFrom: Date?
    public var validUntil: Date?
    public var published: Bool

    public init(
        question: BilingualText, answer: BilingualText, shortAnswer: BilingualText?, topics: [String], provinceCode: String?, source: String,
        validFrom: Date?, validUntil: Date?, published: Bool
    ) {
        self.question = question
        self.answer = answer
        self.shortAnswer = shortAnswer
        self.topics = topics
        self.provinceCode = provinceCode
        self.source = source
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.published = published
    }
}

/// A stored entry at its latest revision.
public struct InfoEntryRecord: Sendable, Equatable {
    public var id: Int64
    public var content: InfoEntryContent
    public var revision: Int
    /// The id of the latest revision's row: what instances follow to update their index.
    public var lastRevisionID: Int64
    public var createdAt: Date
    public var updatedAt: Date

    static let columns = [
        "id", "question", "answer", "short_answer", "topics", "province_code", "source", "valid_from", "valid_until", "published", "revision",
        "last_revision_id", "created_at", "updated_at",
    ]

    init(row: any SQLRow) throws {
        func json<T: Decodable>(_ column: String, as type: T.Type) throws -> T {
            try JSONDecoder().decode(type, from: Data(try row.decode(column: column, as: String.self).utf8))
        }
        id = try row.decode(column: "id", as: Int64.self)
        content = InfoEntryContent(
            question: try json("question", as: BilingualText.self), answer: try json("answer", as: BilingualText.self),
            shortAnswer: try row.decodeNil(column: "short_answer") ? nil : try json("short_answer", as: BilingualText.self),
            topics: try json("topics", as: [String].self), provinceCode: try row.optionalString("province_code"),
            source: try row.decode(column: "source", as: String.self),
            validFrom: try row.optionalInt64("valid_from").map { Date(timeIntervalSince1970: TimeInterval($0)) },
            validUntil: try row.optionalInt64("valid_until").map { Date(timeIntervalSince1970: TimeInterval($0)) },
            published: try row.decode(column: "published", as: Int64.self) != 0
        )
        revision = Int(try row.decode(column: "revision", as: Int64.self))
        lastRevisionID = try row.decode(column: "last_revision_id", as: Int64.self)
        createdAt = try row.date("created_at")
        updatedAt = try row.date("updated_at")
    }

    /// The entry as search reads it: both languages of the question and of the answer.
    public var searchDocument: SearchDocument {
        SearchDocument(
            id: id, question: [content.question.vi, content.question.en ?? ""].joined(separator: "\n"),
            answer: [content.answer.vi, content.answer.en ?? ""].joined(separator: "\n"), topics: content.topics, provinceCode: content.provinceCode,
            validFrom: content.validFrom, validUntil: content.validUntil
        )
    }
}

/// One revision of an entry: who wrote what, when.
public struct InfoEntryRevision: Sendable, Equatable {
    public var revision: Int
    public var content: InfoEntryContent
    public var actor: String
    public var at: Date
}
