import Foundation

/// The questionnaires in use and their triage rules: every version, so that a declaration can be
/// read with the questions it answered, and the newest of each id for new declarations.
public struct QuestionnaireCatalog: Sendable {
    /// Every questionnaire, by id then version.
    public let questionnaires: [String: [Int: Questionnaire]]
    /// Triage rules by questionnaire id (the newest version of the rules).
    public let triage: [String: TriageRules]

    /// Builds a catalogue, checking each triage file against the newest questionnaire it names.
    public init(questionnaires: [Questionnaire], triage: [TriageRules]) throws {
        var byID: [String: [Int: Questionnaire]] = [:]
        for questionnaire in questionnaires {
            guard byID[questionnaire.id, default: [:]].updateValue(questionnaire, forKey: questionnaire.version) == nil else {
                throw QuestionnaireDefect.invalid("questionnaire '\(questionnaire.id)' version \(questionnaire.version) is given twice")
            }
        }
        var rulesByID: [String: TriageRules] = [:]
        for rules in triage.sorted(by: { $0.version < $1.version }) {
            guard let versions = byID[rules.questionnaire], let newest = versions.values.max(by: { $0.version < $1.version }) else {
                throw QuestionnaireDefect.invalid("triage rules name questionnaire '\(rules.questionnaire)', which is not loaded")
            }
            try rules.checkConsistency(with: newest)
            rulesByID[rules.questionnaire] = rules
        }
        self.questionnaires = byID
        self.triage = rulesByID
    }

    /// The newest version of questionnaire `id`.
    public func current(_ id: String) -> Questionnaire? {
        questionnaires[id]?.values.max { $0.version < $1.version }
    }

    /// Questionnaire `id` at `version`.
    public func questionnaire(_ id: String, version: Int) -> Questionnaire? { questionnaires[id]?[version] }

    /// The newest version of every questionnaire, ordered by id.
    public var currentQuestionnaires: [Questionnaire] { questionnaires.keys.sorted().compactMap(current) }

    /// Reads every `NAME.json` (questionnaire) and `NAME.triage.json` (triage rules) in `folder`.
    public static func load(from folder: URL) throws -> QuestionnaireCatalog {
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        var questionnaires: [Questionnaire] = []
        var triage: [TriageRules] = []
        for file in files {
            let data = try Data(contentsOf: file)
            do {
                if file.lastPathComponent.hasSuffix(".triage.json") {
                    triage.append(try JSONDecoder().decode(TriageRules.self, from: data))
                } else {
                    questionnaires.append(try Questionnaire.load(from: data))
                }
            } catch {
                throw QuestionnaireDefect.invalid("\(file.lastPathComponent): \(error)")
            }
        }
        return try QuestionnaireCatalog(questionnaires: questionnaires, triage: triage)
    }

    /// The questionnaires shipped with Covizone (entry and voluntary).
    public static func bundled() throws -> QuestionnaireCatalog {
        guard let folder = Bundle.module.url(forResource: "Questionnaires", withExtension: nil) else {
            throw QuestionnaireDefect.invalid("the bundled questionnaires are missing")
        }
        return try load(from: folder)
    }
}
