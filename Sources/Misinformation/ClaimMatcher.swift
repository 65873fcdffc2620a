import Foundation

/// Tips and posts grouped into claims by what they say: TF-IDF over folded syllables and pairs of
/// adjacent syllables — the cosine, or for texts of some length how much of the shorter the longer
/// holds — so that a text with or without diacritics, with words reordered or added, lands on the
/// claim of the texts it repeats, and an unrelated text on none. A term's rarity counts claims,
/// not items (a claim repeated by a hundred posts does not make its own words common), and the
/// syllables every text uses (`là`, `có`, `không`…) weigh little. Held in memory by each
/// instance; items are added as they arrive.
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
    /// For each term, the claims whose items hold it and how many of their items do.
    var claimsHolding: [String: [Int64: Int]] = [:]
    /// The items of each claim.
    var claimSizes: [Int64: Int] = [:]

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
        count(counts.keys, of: claimID, by: 1)
    }

    /// Moves every item of claim `from` to claim `to` (claims merged by the desk).
    public mutating func merge(claim from: Int64, into to: Int64) {
        for (id, item) in items where item.claimID == from {
            items[id]?.claimID = to
            count(item.counts.keys, of: from, by: -1)
            count(item.counts.keys, of: to, by: 1)
        }
    }

    public mutating func remove(itemID: Int64) {
        guard let item = items.removeValue(forKey: itemID) else { return }
        for term in item.counts.keys {
            postings[term]?.removeAll { $0 == itemID }
            if postings[term]?.isEmpty == true { postings[term] = nil }
        }
        count(item.counts.keys, of: item.claimID, by: -1)
    }

    /// Adds `change` items of `claimID` holding `terms`.
    private mutating func count(_ terms: Dictionary<String, Double>.Keys, of claimID: Int64, by change: Int) {
        claimSizes[claimID, default: 0] += change
        if claimSizes[claimID] == 0 { claimSizes[claimID] = nil }
        for term in terms {
            claimsHolding[term, default: [:]][claimID, default: 0] += change
            if claimsHolding[term]?[claimID] == 0 { claimsHolding[term]?[claimID] = nil }
            if claimsHolding[term]?.isEmpty == true { claimsHolding[term] = nil }
        }
    }

    /// `ln((1 + claims) / (1 + claims holding it)) + 1`, a fifth of it for a common syllable or a pair of them.
    func rarity(of term: String) -> Double {
        let claims = Double(claimSizes.count)
        let rarity = log((1 + claims) / (1 + Double(claimsHolding[term]?.count ?? 0))) + 1
        return Self.isCommon(term) ? rarity / 5 : rarity
    }

    /// The claims whose items are closest to `text`, closest first (ties by claim id), at most `limit`.
    public func closest(_ text: String, limit: Int) -> [Match] {
        let query = Self.counts(of: text)
        guard !query.isEmpty, !items.isEmpty else { return [] }
        var rarities: [String: Double] = [:]
        func idf(_ term: String) -> Double {
            if let known = rarities[term] { return known }
            let rarity = rarity(of: term)
            rarities[term] = rarity
            return rarity
        }
        let queryWeights = Weighted(query, idf: idf)
        var best: [Int64: Double] = [:]
        for id in candidates(for: query) {
            guard let item = items[id] else { continue }
            let similarity = Weighted(item.counts, idf: idf).similarity(to: queryWeights)
            if similarity > best[item.claimID, default: 0] { best[item.claimID] = similarity }
        }
        return best.map { Match(claimID: $0.key, similarity: $0.value) }
            .sorted { ($0.similarity, -$0.claimID) > ($1.similarity, -$1.claimID) }.prefix(limit).map { $0 }
    }

    /// The query's rarest terms that items hold (common syllables aside) point at the candidates.
    static let candidateTerms = 12
    /// The most items compared in full: those sharing the most of those terms.
    static let candidateItems = 400

    /// The items worth comparing with `query`: a text that repeats a claim shares its rare words,
    /// so only items holding the query's rarest terms are looked at, those holding most of them first.
    func candidates(for query: [String: Double]) -> [Int64] {
        let rare = query.keys.compactMap { term -> (term: String, claims: Int)? in
            guard let claims = claimsHolding[term]?.count, !Self.isCommon(term) else { return nil }
            return (term, claims)
        }.sorted { ($0.claims, $0.term) < ($1.claims, $1.term) }.prefix(Self.candidateTerms)
        var shared: [Int64: Int] = [:]
        for (term, _) in rare { for id in postings[term] ?? [] { shared[id, default: 0] += 1 } }
        guard shared.count > Self.candidateItems else { return Array(shared.keys) }
        return shared.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(Self.candidateItems).map(\.key)
    }

    /// A common syllable, or a pair of them.
    static func isCommon(_ term: String) -> Bool {
        term.split(separator: " ").allSatisfy { ClaimText.commonSyllables.contains(String($0)) }
    }

    /// A text's terms weighed by TF-IDF: syllables alone, and with the pairs.
    struct Weighted {
        /// Fewer different syllables than this and a text is too short to be found inside another.
        static let shortestContained = 6

        var all: [String: Double] = [:]
        var syllables: [String: Double] = [:]
        /// idf² of each different syllable.
        var rarities: [String: Double] = [:]
        var norm = 0.0
        var syllableNorm = 0.0
        var rarityTotal = 0.0

        init(_ counts: [String: Double], idf: (String) -> Double) {
            for (term, count) in counts {
                let rarity = idf(term), weight = count * rarity
                all[term] = weight
                norm += weight * weight
                if !term.contains(" ") {
                    syllables[term] = weight
                    syllableNorm += weight * weight
                    rarities[term] = rarity * rarity
                    rarityTotal += rarity * rarity
                }
            }
        }

        /// The greater of the cosine over syllables and pairs (word order kept), and — when the
        /// shorter text has enough syllables — the geometric mean of the syllables' cosine and
        /// the share of the shorter text's syllables, by rarity, that the longer holds (a short
        /// tip that repeats a long post's core, or a post that adds to a tip).
        func similarity(to other: Weighted) -> Double {
            let ordered = Self.cosine(all, norm, other.all, other.norm)
            let (shorter, longer) = syllables.count <= other.syllables.count ? (self, other) : (other, self)
            guard shorter.syllables.count >= Self.shortestContained, shorter.rarityTotal > 0 else { return min(1, ordered) }
            var held = 0.0
            for (term, rarity) in shorter.rarities where longer.syllables[term] != nil { held += rarity }
            let unordered = Self.cosine(syllables, syllableNorm, other.syllables, other.syllableNorm)
            return min(1, max(ordered, (unordered * held / shorter.rarityTotal).squareRoot()))
        }

        static func cosine(_ a: [String: Double], _ aNorm: Double, _ b: [String: Double], _ bNorm: Double) -> Double {
            guard aNorm > 0, bNorm > 0 else { return 0 }
            let (small, large) = a.count <= b.count ? (a, b) : (b, a)
            var dot = 0.0
            for (term, weight) in small { if let other = large[term] { dot += weight * other } }
            return dot / (aNorm.squareRoot() * bNorm.squareRoot())
        }
    }
}
