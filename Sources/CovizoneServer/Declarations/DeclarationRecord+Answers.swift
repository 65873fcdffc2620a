import CovizoneStore
import Foundation
import HealthDeclaration

extension DeclarationRecord {
    /// The answers as stored (validated, then kept as a JSON object the store does not read).
    func answers() throws -> [String: AnswerValue] {
        try JSONDecoder().decode([String: AnswerValue].self, from: Data(content.answersJSON.utf8))
    }

    /// The ids of the triage rules that applied.
    var reasonRuleIDs: [String] {
        (try? JSONDecoder().decode([String].self, from: Data(content.riskReasonsJSON.utf8))) ?? []
    }
}
