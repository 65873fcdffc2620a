import HealthDataExchange
import Testing

@Suite("One person from two hospitals")
struct PersonMatchTests {
    static let cccd = PersonIdentifier(system: CaseVocabulary.IdentifierSystem.cccd, value: "001090012345")

    @Test("the same identifier, or the same phone, name (any accents and case) and birth date, is one person; a different birth date is not")
    func keys() {
        let first = PersonMatch.keys(identifiers: [Self.cccd], name: "Nguyễn Văn An", birthDate: "1990-04-12", phone: "+84912345678")
        let sameCard = PersonMatch.keys(identifiers: [Self.cccd], name: "Nguyen An", birthDate: nil, phone: nil)
        let samePerson = PersonMatch.keys(identifiers: [], name: "  nguyen  van AN ", birthDate: "1990-04-12", phone: "+84912345678")
        let twin = PersonMatch.keys(identifiers: [], name: "Nguyễn Văn An", birthDate: "1992-04-12", phone: "+84912345678")
        let otherSystem = PersonMatch.keys(identifiers: [PersonIdentifier(system: CaseVocabulary.IdentifierSystem.passport, value: "001090012345")], name: "X", birthDate: nil, phone: nil)
        #expect(!first.isDisjoint(with: sameCard) && !first.isDisjoint(with: samePerson))
        #expect(first.isDisjoint(with: twin) && first.isDisjoint(with: otherSystem), "a value means something only in its system")
    }
}
