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

@Suite("A clinic's spreadsheet row as a FHIR transaction")
struct CaseRowTests {
    @Test("a confirmed, admitted and discharged row reads like a hospital's Bundle; its problems point at the row's columns")
    func row() throws {
        var row = CaseRow(person: PersonDetails(name: "Trần Thị Bình", birthDate: "1985-07-02", gender: "female", phone: "0987654321", provinceCode: "01"))
        row.identifier = "001190054321"
        (row.diagnosis, row.test, row.result, row.testedAt) = ("confirmed", "rapid-antigen", "positive", "2027-01-10T09:00:00+07:00")
        (row.admittedAt, row.dischargedAt) = ("2027-01-10T12:00:00+07:00", "2027-01-14T10:00:00+07:00")
        let reader = TransactionReader(isProvince: { $0 == "01" }, isWard: { _ in true })
        let submission = try reader.read(row.bundle(), at: TransactionReaderTests.now).get()
        #expect(submission.people.first?.identifiers == [PersonIdentifier(system: CaseVocabulary.IdentifierSystem.cccd, value: "001190054321")])
        #expect(submission.diagnoses.first?.verification == .confirmed && submission.labResults.first?.test == .rapidAntigen)
        #expect(submission.stays.map(\.kind) == [.admission, .discharge])
        let events = submission.events(of: .entry(0), reportedAt: .distantFuture).map(\.event)
        #expect(events == [.confirmed, .suspected, .admitted, .recovered], "the diagnosis and the rapid test at one time, in the row's order")
        var progress = CaseProgress()
        _ = events.map { progress.apply($0) }
        #expect(progress.status == .recovered, "the later suspicion does not step the case back")

        row.person.provinceCode = "99"
        row.testedAt = "tomorrow"
        guard case .failure(let outcome) = reader.read(row.bundle(), at: TransactionReaderTests.now) else { Issue.record("taken"); return }
        #expect(Set(outcome.issue.flatMap { $0.expression ?? [] }.map(CaseRow.column(for:))) == ["provinceCode", "testedAt"])
    }
}
