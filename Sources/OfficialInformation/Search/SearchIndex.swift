import Foundation

/// The question-and-answer entries in memory, ready to search with BM25 (k1 1.2, b 0.75) over
/// their words and pairs of adjacent words; questions count twice as much as answers and topics.
/// Entries are added, replaced and removed one at a time as officers change them.
///
/// Each entry has a slot; what a search reads per slot (length, id, province, validity) is kept
/// in flat arrays, and each word's postings in an array of (slot, frequency), so that a search
/// over ten thousand entries adds numbers into dense arrays instead of hashing.
public struct SearchIndex: Sendable {
    struct Posting {
        var slot: Int32
        var frequency: Float
    }

    static let k1 = 1.2
    static let b = 0.75
    static let questionWeight = 2.0

    var documents: [SearchDocument?] = []
    var lengths: [Double] = []
    var keysOfSlot: [[String]] = []
    var slotOfID: [Int64: Int] = [:]
    var freeSlots: [Int] = []
    /// A word or a pair of words → the slots that hold it and how often (weighted).
    var postings: [String: [Posting]] = [:]
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
        let slot = freeSlots.popLast() ?? documents.count
        if slot == documents.count {
            documents.append(nil)
            lengths.append(0)
            keysOfSlot.append([])
        }
        documents[slot] = document
        lengths[slot] = length
        keysOfSlot[slot] = Array(frequencies.keys)
        slotOfID[document.id] = slot
        totalLength += length
        for (key, frequency) in frequencies {
            if postings[key] == nil, !key.contains(" ") { wordsByLength[key.utf8.count, default: []].insert(key) }
            postings[key, default: []].append(Posting(slot: Int32(slot), frequency: Float(frequency)))
        }
    }

    /// Takes the entry `id` out (nothing happens when it is not there).
    public mutating func remove(id: Int64) {
        guard let slot = slotOfID.removeValue(forKey: id) else { return }
        for key in keysOfSlot[slot] {
            postings[key]?.removeAll { $0.slot == Int32(slot) }
            if postings[key]?.isEmpty == true {
                postings[key] = nil
                wordsByLength[key.utf8.count]?.remove(key)
            }
        }
        totalLength -= lengths[slot]
        documents[slot] = nil
        lengths[slot] = 0
        keysOfSlot[slot] = []
        freeSlots.append(slot)
    }

    /// The entries that answer `query` best first (ties by id), among those in force at `date` and
    /// national or of `province`; at most `limit`.
    public func search(_ query: String, synonyms: SynonymGroups = SynonymGroups(), province: String? = nil, at date: Date, limit: Int) -> [SearchHit] {
        let plan = SearchQuery(query, synonyms: synonyms, index: self)
        guard !plan.clauses.isEmpty, count > 0, limit > 0 else { return [] }
        var scores = [Double](repeating: 0, count: documents.count)
        var matched = [Double](repeating: 0, count: documents.count)
        var clauseBest = [Double](repeating: 0, count: documents.count)
        var alternative = [Double](repeating: 0, count: documents.count)
        var touched: [Int] = []
        var seen = [Bool](repeating: false, count: documents.count)
        for clause in plan.clauses {
            touched.removeAll(keepingCapacity: true)
            for option in clause.alternatives {
                var optionTouched: [Int] = []
                for key in option.keys { accumulate(key, weight: option.weight, into: &alternative, touched: &optionTouched) }
                for slot in optionTouched where alternative[slot] != 0 {
                    if !seen[slot] {
                        seen[slot] = true
                        touched.append(slot)
                    }
                    clauseBest[slot] = max(clauseBest[slot], alternative[slot])
                    alternative[slot] = 0
                }
            }
            for slot in touched {
                scores[slot] += clauseBest[slot]
                if clauseBest[slot] > 0 { matched[slot] += clause.weight }
                clauseBest[slot] = 0
                seen[slot] = false
            }
        }
        let total = plan.clauses.reduce(0) { $0 + $1.weight }
        var best: [SearchHit] = []
        for slot in scores.indices where scores[slot] > 0 {
            guard let document = documents[slot], document.applies(to: province), document.isValid(at: date) else { continue }
            let hit = SearchHit(id: document.id, score: scores[slot], coverage: total > 0 ? min(1, matched[slot] / total) : 0)
            Self.keep(hit, in: &best, limit: limit)
        }
        return best
    }

    /// Inserts `hit` into `best` (best first, ties by id), keeping at most `limit`.
    private static func keep(_ hit: SearchHit, in best: inout [SearchHit], limit: Int) {
        func ranksAbove(_ a: SearchHit, _ b: SearchHit) -> Bool { a.score != b.score ? a.score > b.score : a.id < b.id }
        if best.count == limit, let last = best.last, !ranksAbove(hit, last) { return }
        let position = best.firstIndex { ranksAbove(hit, $0) } ?? best.count
        best.insert(hit, at: position)
        if best.count > limit { best.removeLast() }
    }

    /// Adds the BM25 contribution of `key` to each slot that holds it, noting the slots it touched.
    private func accumulate(_ key: String, weight: Double, into sums: inout [Double], touched: inout [Int]) {
        guard let holders = postings[key] else { return }
        let factor = weight * inverseDocumentFrequency(holders.count) * (Self.k1 + 1)
        let averageLength = max(totalLength / Double(max(count, 1)), 1)
        let lengthScale = Self.k1 * Self.b / averageLength, lengthBase = Self.k1 * (1 - Self.b)
        lengths.withUnsafeBufferPointer { lengths in
            for posting in holders {
                let slot = Int(posting.slot)
                let frequency = Double(posting.frequency)
                if sums[slot] == 0 { touched.append(slot) }
                sums[slot] += factor * frequency / (frequency + lengthBase + lengthScale * lengths[slot])
            }
        }
    }

    /// BM25's weight for a key held by `holders` of the entries (never negative).
    func inverseDocumentFrequency(_ holders: Int) -> Double {
        log(1 + (Double(count - holders) + 0.5) / (Double(holders) + 0.5))
    }

    /// How many entries hold `key`.
    func holders(of key: String) -> Int { postings[key]?.count ?? 0 }
}
