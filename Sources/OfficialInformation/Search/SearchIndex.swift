import Foundation

/// The question-and-answer entries in memory, ready to search with BM25 (k1 1.2, b 0.75) over
/// their words and pairs of adjacent words; questions count twice as much as answers and topics.
/// Entries are added, replaced and removed one at a time as officers change them.
public struct SearchIndex: Sendable {
    struct Slot {
        var document: SearchDocument
        var length: Double
        var keys: [String]
    }

    static let k1 = 1.2
    static let b = 0.75
    static let questionWeight = 2.0

    var slots: [Slot?] = []
    var slotOfID: [Int64: Int] = [:]
    var freeSlots: [Int] = []
    /// A word or a pair of words → the slots that hold it → how often (weighted).
    var postings: [String: [Int: Double]] = [:]
    /// Single words by length, to look typos up.
    var wordsByLength: [Int: Set<String>] = [:]
    var totalLength = 0.0

    public init() {}

    /// How many entries the index holds.
    public var count: Int { slotOfID.count }

    /// Adds `document`, replacing the entry of the same id.
    public mutating func insert(_ document: SearchDocument) {
        remove(id: document.id)
        var frequencies: [String: Double] = [:]
        var length = 0.0
        func add(_ text: String, weight: Double) {
            let terms = SearchText.terms(text)
            for (index, term) in terms.enumerated() {
                frequencies[term, default: 0] += weight
                if index > 0 { frequencies[SearchText.pair(terms[index - 1], term), default: 0] += weight }
            }
            length += weight * Double(terms.count)
        }
        add(document.question, weight: Self.questionWeight)
        add(document.answer, weight: 1)
        for topic in document.topics { add(topic, weight: 1) }
        let slot = freeSlots.popLast() ?? slots.count
        if slot == slots.count { slots.append(nil) }
        slots[slot] = Slot(document: document, length: length, keys: Array(frequencies.keys))
        slotOfID[document.id] = slot
        totalLength += length
        for (key, frequency) in frequencies {
            if postings[key] == nil, !key.contains(" ") { wordsByLength[key.utf8.count, default: []].insert(key) }
            postings[key, default: [:]][slot] = frequency
        }
    }

    /// Takes the entry `id` out (nothing happens when it is not there).
    public mutating func remove(id: Int64) {
        guard let slot = slotOfID.removeValue(forKey: id), let stored = slots[slot] else { return }
        for key in stored.keys {
            postings[key]?[slot] = nil
            if postings[key]?.isEmpty == true {
                postings[key] = nil
                wordsByLength[key.utf8.count]?.remove(key)
            }
        }
        totalLength -= stored.length
        slots[slot] = nil
        freeSlots.append(slot)
    }

    /// The entries that answer `query` best first (ties by id), among those in force at `date` and
    /// national or of `province`; at most `limit`.
    public func search(_ query: String, synonyms: SynonymGroups = SynonymGroups(), province: String? = nil, at date: Date, limit: Int) -> [SearchHit] {
        let plan = SearchQuery(query, synonyms: synonyms, index: self)
        guard !plan.clauses.isEmpty, count > 0 else { return [] }
        var scores: [Int: Double] = [:]
        var matched: [Int: Double] = [:]
        for clause in plan.clauses {
            var best: [Int: Double] = [:]
            for alternative in clause.alternatives {
                var sums: [Int: Double] = [:]
                for key in alternative.keys { accumulate(key, weight: alternative.weight, into: &sums) }
                for (slot, value) in sums where value > best[slot, default: 0] { best[slot] = value }
            }
            for (slot, value) in best {
                scores[slot, default: 0] += value
                matched[slot, default: 0] += clause.weight
            }
        }
        let total = plan.clauses.reduce(0) { $0 + $1.weight }
        let hits = scores.compactMap { slot, score -> SearchHit? in
            guard let document = slots[slot]?.document, document.applies(to: province), document.isValid(at: date) else { return nil }
            return SearchHit(id: document.id, score: score, coverage: total > 0 ? min(1, matched[slot, default: 0] / total) : 0)
        }
        return Array(hits.sorted { ($0.score, -$0.id) > ($1.score, -$1.id) }.prefix(limit))
    }

    /// Adds the BM25 contribution of `key` to each slot that holds it.
    private func accumulate(_ key: String, weight: Double, into sums: inout [Int: Double]) {
        guard let holders = postings[key] else { return }
        let idf = inverseDocumentFrequency(holders.count)
        let averageLength = totalLength / Double(max(count, 1))
        for (slot, frequency) in holders {
            let length = slots[slot]?.length ?? averageLength
            let normalised = frequency * (Self.k1 + 1) / (frequency + Self.k1 * (1 - Self.b + Self.b * length / max(averageLength, 1)))
            sums[slot, default: 0] += weight * idf * normalised
        }
    }

    /// BM25's weight for a key held by `holders` of the entries (never negative).
    func inverseDocumentFrequency(_ holders: Int) -> Double {
        log(1 + (Double(count - holders) + 0.5) / (Double(holders) + 0.5))
    }

    /// How many entries hold `key`.
    func holders(of key: String) -> Int { postings[key]?.count ?? 0 }
}
