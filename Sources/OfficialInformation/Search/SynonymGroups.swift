import CovizoneCore

/// Words and phrases that mean the same to people asking (`xét nghiệm` ~ `test`, `F0` ~ `ca
/// dương tính`), kept by officers. A query that says one of them finds entries that say another.
public struct SynonymGroups: Sendable, Equatable {
    /// The groups as officers wrote them.
    public let groups: [[String]]
    /// Each phrase's terms → its group's position.
    let groupOfPhrase: [[String]: Int]
    /// The phrases of each group, as terms.
    let phrases: [[[String]]]
    /// The most terms in any phrase (how far a query is looked ahead for one).
    let longestPhrase: Int
    /// Every word of every phrase.
    let words: Set<String>

    public static let maximumGroups = 2_000
    public static let maximumPhraseLength = 60

    /// Groups already checked (``problems(of:)``); a phrase without terms is left out.
    public init(_ groups: [[String]] = []) {
        self.groups = groups
        var groupOfPhrase: [[String]: Int] = [:]
        var phrases: [[[String]]] = []
        for (index, group) in groups.enumerated() {
            let terms = group.map(SearchText.terms).filter { !$0.isEmpty }
            phrases.append(terms)
            for phrase in terms { groupOfPhrase[phrase] = index }
        }
        self.groupOfPhrase = groupOfPhrase
        self.phrases = phrases
        longestPhrase = phrases.joined().map(\.count).max() ?? 0
        words = Set(phrases.joined().joined())
    }

    /// What is wrong with `groups`: each needs two phrases or more, each phrase some letters and at
    /// most 60 characters, and a phrase (read as search reads it) may belong to one group only.
    public static func problems(of groups: [[String]]) -> [FieldError] {
        var problems: [FieldError] = []
        if groups.count > maximumGroups { problems.append(FieldError(field: "groups", message: "must be at most \(maximumGroups) groups")) }
        var seen: [[String]: Int] = [:]
        for (index, group) in groups.enumerated() {
            let field = "groups[\(index)]"
            if Set(group.map(SearchText.terms)).count < 2 { problems.append(FieldError(field: field, message: "needs two different words or phrases")) }
            for phrase in group {
                let terms = SearchText.terms(phrase)
                if terms.isEmpty || phrase.count > maximumPhraseLength {
                    problems.append(FieldError(field: field, message: "\"\(phrase)\" must have letters or digits and at most \(maximumPhraseLength) characters"))
                } else if let other = seen[terms], other != index {
                    problems.append(FieldError(field: field, message: "\"\(phrase)\" is already in group \(other)"))
                }
                seen[terms] = index
            }
        }
        return problems
    }

    /// The group whose phrase starts `terms` at `start` (the longest such phrase), and its length.
    func match(in terms: [String], at start: Int) -> (group: Int, length: Int)? {
        guard longestPhrase > 0 else { return nil }
        for length in stride(from: min(longestPhrase, terms.count - start), through: 1, by: -1) {
            if let group = groupOfPhrase[Array(terms[start..<(start + length)])] { return (group, length) }
        }
        return nil
    }

    /// `terms` with every phrase of a group written as the group's first phrase (how questions
    /// are compared with each other).
    func canonical(_ terms: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < terms.count {
            if let (group, length) = match(in: terms, at: index) {
                result += phrases[group][0]
                index += length
            } else {
                result.append(terms[index])
                index += 1
            }
        }
        return result
    }
}
