/// A query read for the index: each word (or phrase of a synonym group) becomes a clause whose
/// alternatives are the word itself, its likely corrections when the index does not know it, and
/// the other phrases of its group; adjacent words add a clause for the pair, worth a bonus only.
struct SearchQuery {
    struct Alternative {
        /// Words and pairs scored together.
        var keys: [String]
        /// 1 for what was typed and its synonyms, less for a correction.
        var weight: Double
    }

    struct Clause {
        var alternatives: [Alternative]
        /// Its share of the query in ``SearchHit/coverage`` (by rarity); 0 for a pair's bonus.
        var weight: Double
    }

    /// Corrections looked for: words of at least this many letters (shorter syllables are too
    /// often another real word), within one edit, or two from eight letters.
    static let shortestCorrected = 4
    static let maximumCorrections = 3

    var clauses: [Clause] = []

    init(_ text: String, synonyms: SynonymGroups, index: SearchIndex) {
        let typed = Array(SearchText.terms(text).prefix(32))
        let candidates = typed.map { Self.candidates(for: $0, synonyms: synonyms, index: index) }
        let best = candidates.map { $0.first?.term ?? "" }
        var start = 0
        var previousEnd: String?
        while start < typed.count {
            if let (group, length) = synonyms.match(in: best, at: start) {
                let phrases = synonyms.phrases[group]
                let alternatives = phrases.map { Alternative(keys: Self.keys(of: $0), weight: 1) }
                clauses.append(Clause(alternatives: alternatives, weight: phrases.map { Self.weight(of: $0, in: index) }.max() ?? 0))
                addPair(previousEnd, best[start])
                previousEnd = best[start + length - 1]
                start += length
                continue
            }
            let options = candidates[start]
            let alternatives = options.map { Alternative(keys: [$0.term], weight: $0.weight) }
            // A word no entry holds weighs as the rarest word entries hold: the query asks for
            // something the entries may not answer, but one unknown word should not outweigh the rest.
            let weight = options.isEmpty ? index.inverseDocumentFrequency(1) : options.map { index.inverseDocumentFrequency(index.holders(of: $0.term)) }.max() ?? 0
            clauses.append(Clause(alternatives: alternatives, weight: weight))
            if !best[start].isEmpty { addPair(previousEnd, best[start]) }
            previousEnd = best[start].isEmpty ? nil : best[start]
            start += 1
        }
    }

    /// A bonus clause for two adjacent words, found together in that order.
    private mutating func addPair(_ first: String?, _ second: String) {
        guard let first else { return }
        clauses.append(Clause(alternatives: [Alternative(keys: [SearchText.pair(first, second)], weight: 1)], weight: 0))
    }

    /// The words and adjacent pairs of a phrase.
    static func keys(of phrase: [String]) -> [String] {
        phrase + zip(phrase, phrase.dropFirst()).map { SearchText.pair($0, $1) }
    }

    /// A phrase's share by its rarest word.
    static func weight(of phrase: [String], in index: SearchIndex) -> Double {
        phrase.map { index.inverseDocumentFrequency(index.holders(of: $0)) }.max() ?? 0
    }

    /// `term` itself when the index or a synonym knows it; otherwise the nearest known words
    /// (fewest edits, then the same length, then the most common), weighted down by distance.
    static func candidates(for term: String, synonyms: SynonymGroups, index: SearchIndex) -> [(term: String, weight: Double)] {
        if index.holders(of: term) > 0 || synonyms.words.contains(term) { return [(term, 1)] }
        let length = term.utf8.count
        guard length >= shortestCorrected else { return [] }
        let limit = length >= 8 ? 2 : 1
        var found: [(term: String, distance: Int)] = []
        for candidateLength in (length - limit)...(length + limit) {
            for word in index.wordsByLength[candidateLength] ?? [] {
                if let distance = EditDistance.within(limit, term, word) { found.append((word, distance)) }
            }
        }
        let ranked = found.sorted {
            ($0.distance, abs($0.term.utf8.count - length), -index.holders(of: $0.term), $0.term)
                < ($1.distance, abs($1.term.utf8.count - length), -index.holders(of: $1.term), $1.term)
        }
        return ranked.prefix(maximumCorrections).map { ($0.term, $0.distance == 1 ? 0.8 : 0.6) }
    }
}
