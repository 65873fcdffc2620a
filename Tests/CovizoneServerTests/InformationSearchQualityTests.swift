@testable import CovizoneServer
import Foundation
import OfficialInformation
import Testing

@Suite("Official information: search quality on the test set")
struct InformationSearchQualityTests {
    struct Entry: Decodable {
        var key: String
        var question: BilingualText
        var answer: BilingualText
        var topics: [String]
        var provinceCode: String?
    }

    struct Query: Decodable {
        var query: String
        var expected: String
    }

    struct Synonyms: Decodable {
        var groups: [[String]]
    }

    @Test("the right entry is in the top 3 for at least 90 % of the 80 queries (no diacritics, typos, word order, synonyms, English)")
    func topThree() throws {
        let demo = ServerResources.directory.appendingPathComponent("Demo")
        let entries = try JSONDecoder().decode([Entry].self, from: Data(contentsOf: demo.appendingPathComponent("information-entries.json")))
        let synonyms = SynonymGroups(try JSONDecoder().decode(Synonyms.self, from: Data(contentsOf: demo.appendingPathComponent("information-synonyms.json"))).groups)
        let queriesURL = try #require(Bundle.module.url(forResource: "Fixtures/information-queries", withExtension: "json"))
        let queries = try JSONDecoder().decode([Query].self, from: Data(contentsOf: queriesURL))
        var index = SearchIndex()
        for (position, entry) in entries.enumerated() {
            index.insert(
                SearchDocument(
                    id: Int64(position + 1), question: entry.question.vi + "\n" + (entry.question.en ?? ""), answer: entry.answer.vi + "\n" + (entry.answer.en ?? ""),
                    topics: entry.topics, provinceCode: entry.provinceCode, validFrom: nil, validUntil: nil
                )
            )
        }
        let now = Date()
        var misses: [String] = []
        for query in queries {
            let top = index.search(query.query, synonyms: synonyms, at: now, limit: 3).map { entries[Int($0.id) - 1].key }
            if !top.contains(query.expected) { misses.append("\(query.query) → \(top) (wanted \(query.expected))") }
        }
        let share = Double(queries.count - misses.count) / Double(queries.count)
        #expect(queries.count == 80)
        #expect(share >= 0.9, Comment(rawValue: "\(misses.count) misses:\n" + misses.joined(separator: "\n")))
    }
}
