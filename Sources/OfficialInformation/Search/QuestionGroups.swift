/// Citizens' unanswered questions gathered by what they ask, so officers answer a recurring
/// question once: two questions are together when most of their words are shared (Jaccard ≥
/// 0.5 over their words, synonyms read as one).
public enum QuestionGroups {
    public static let threshold = 0.5

    /// `questions` (id, text) in groups, each group in the order given and the largest groups
    /// first (ties: the group whose first question came first).
    public static func group(_ questions: [(id: Int64, text: String)], synonyms: SynonymGroups) -> [[Int64]] {
        var leaders: [Set<String>] = []
        var groups: [[Int64]] = []
        for question in questions {
            let words = Set(synonyms.canonical(SearchText.terms(question.text)))
            if let index = leaders.indices.first(where: { similarity(leaders[$0], words) >= threshold }) {
                groups[index].append(question.id)
            } else {
                leaders.append(words)
                groups.append([question.id])
            }
        }
        return groups.enumerated().sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }.map(\.element)
    }

    static func similarity(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
    }
}
