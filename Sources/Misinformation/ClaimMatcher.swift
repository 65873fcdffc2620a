import Foundation

/// Tips and posts grouped into claims by what they say: TF-IDF cosine over folded syllables and
/// pairs of adjacent syllables, so that a text with or without diacritics, with words reordered or
/// added, lands on the claim of the texts it repeats, and an unrelated text on none. Held in
/// memory by each instance; items are added as they arrive.
public struct ClaimMatcher: Sendable {
    /// A claim close to a text, with the similarity (0…1) of its closest item.
    public struct Match: Sendable, Equatable {
        public var claimID: Int64
        public var similarity: Double
    }

    struct Item {
        var claimID: Int64
        var counts: [String: Double]
    }

    /// The similarity from which a new text joins a claim.
    public static let joinThreshold = 0.5

    var items: [Int64: Item] = [:]
    var postings: [String: [Int64]] = [:]

    public init() {}

    public var count: Int { items.count }

    /// The terms of `text` counted: folded syllables and pairs.
    static func counts(of text: String) -> [String: Double] {
        let folded = ClaimText.syllables(text).map(ClaimText.folded)
        var counts: [String: Double] = [:]
        for (index, syllable) in folded.enumerated() {
            counts[syllable, default: 0] += 1
            if index > 0 { counts[folded[index - 1] + " " + syllable, default: 0] += 1 }
        }
        return counts
    }

    /// Adds item `itemID` of claim `claimID` (replacing an item of the same id).
    public mutating func add(itemID: Int64, claimID: Int64, text: String) {
        if items[itemID] != nil { remove(itemID: itemID) }
        let counts = Self.counts(of: text)
        items[itemID] = Item(claimID: claimID, counts: counts)
        for term in counts.keys { postings[term, default: []].append(itemID) }
    }

    /// Moves every item of claim `from` to claim `to` (claims merged by the desk).
    public mutating func merge(claim from: Int64, into to: Int64) {
        for (id, item) in items where item.claimID == from { items[id]?.claimID = to }
    }

    public mutating func remove(itemID: Int64) {
        guard let item = items.removeValue(forKey: itemID) else { return }
        for term in item.counts.keys {
            postings[term]?.removeAll { $0 == itemID }
            if postings[term]?.isEmpty == true { postings[term] = nil }
        }
    }

    /// The claims whose items are closest to `text`, closest first (ties by claim id), at most `limit`.
    public func closest(_ text: String, limit: Int) -> [Match] {
        let query = Self.counts(of: text)
        guard !query.isEmpty, !items.isEmpty else { return [] }
        let total = Double(items.count)
        func idf(_ term: String) -> Double { log((1 + total) / (1 + Double(postings[term]?.count ?? 0))) + 1 }
        var queryNorm = 0.0
        var candidates: Set<Int64> = []
        for (term, count) in query {
            let weight = count * idf(term)
            queryNorm += weight * weight
            candidates.formUnion(postings[term] ?? [])
        }
        var best: [Int64: Double] = [:]
        for id in candidates {
            guard let item = items[id] else { continue }
            var dot = 0.0, norm = 0.0
            for (term, count) in item.counts {
                let weight = count * idf(term)
                norm += weight * weight
                if let queried = query[term] { dot += weight * queried * idf(term) }
            }
            let similarity = min(1, dot / (norm.squareRoot() * queryNorm.squareRoot()))
            if similarity > best[item.claimID, default: 0] { best[item.claimID] = similarity }
        }
        return best.map { Match(claimID: $0.key, similarity: $0.value) }
            .sorted { ($0.similarity, -$0.claimID) > ($1.similarity, -$1.claimID) }.prefix(limit).map { $0 }
    }
}
