import Foundation
import HealthDataExchange
import Testing

@Suite("FHIR R4 transactions read into cases")
struct TransactionReaderTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15
    static let reader = TransactionReader(isProvince: { ["01", "79"].contains($0) }, isWard: { ["00226", "26506"].contains($0) })

    static func bundle(_ name: String = "transaction-confirmed-case") throws -> FHIRBundle {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json"))
        return try JSONDecoder().decode(FHIRBundle.self, from: Data(contentsOf: url))
    }

    @Test("a hospital's confirmed case — patient, diagnosis, PCR result, admission — is read with its references resolved")
    func confirmedCase() throws {
        let submission = try Self.reader.read(try Self.bundle(), at: Self.now).get()
        let person = try #require(submission.people.first)
        #expect(person.details == PersonDetails(name: "Nguyễn Văn An", birthDate: "1990-04-12", gender: "male", phone: "+84912345678", provinceCode: "01", wardCode: "00226", address: "12 Phố Huế"))
        #expect(person.identifiers.contains(PersonIdentifier(system: CaseVocabulary.IdentifierSystem.phone, value: "+84912345678")), "phones written in E.164")
        #expect(submission.diagnoses.first?.verification == .confirmed && submission.diagnoses.first?.subject == .entry(0))
        #expect(submission.diagnoses.first?.onset == FHIRDateTime.parse("2027-01-10") && submission.diagnoses.first?.clinicalStatus == "active")
        let result = try #require(submission.labResults.first)
        #expect(result.test == .pcr && result.result == .positive && result.effective == FHIRDateTime.parse("2027-01-11T07:00:00Z"))
        #expect(submission.stays.first?.kind == .admission && submission.stays.first?.end == nil)
    }

    @Test("every problem of a bad transaction is one issue that says where it is")
    func problems() throws {
        var bundle = try Self.bundle()
        guard case .patient(var patient) = bundle.entry?[0].resource, case .observation(var observation) = bundle.entry?[2].resource,
            case .condition(var condition) = bundle.entry?[1].resource
        else { Issue.record("fixture changed"); return }
        patient.identifier = [FHIRIdentifier(system: CaseVocabulary.IdentifierSystem.cccd, value: "12")]
        patient.address?[0].state = "99"
        patient.gender = "m"
        condition.code = FHIRCodeableConcept(coding: [FHIRCoding(system: CaseVocabulary.snomed, code: "38341003")])
        condition.subject = FHIRReference(reference: "urn:uuid:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")
        observation.effectiveDateTime = "2027-02-01T08:00:00+07:00"
        observation.code = FHIRCodeableConcept(coding: [FHIRCoding(system: CaseVocabulary.loinc, code: "2345-7")])
        bundle.entry?[0].resource = .patient(patient)
        bundle.entry?[1].resource = .condition(condition)
        bundle.entry?[2].resource = .observation(observation)
        bundle.entry?[3].request = .init(method: "DELETE", url: "Encounter/1")
        guard case .failure(let outcome) = Self.reader.read(bundle, at: Self.now) else {
            Issue.record("a bad transaction was taken")
            return
        }
        let places = Set(outcome.issue.flatMap { $0.expression ?? [] })
        #expect(places == [
            "Bundle.entry[3].request.method", "Bundle.entry[0].resource.identifier[0].value", "Bundle.entry[0].resource.gender",
            "Bundle.entry[0].resource.address[0].state", "Bundle.entry[1].resource.code", "Bundle.entry[1].resource.subject",
            "Bundle.entry[2].resource.code", "Bundle.entry[2].resource.effectiveDateTime",
        ])
        #expect(outcome.issue.allSatisfy { $0.severity == "error" && !($0.diagnostics ?? "").isEmpty })
    }

    @Test("not a transaction, no entries, or a subject nowhere to be found are refused")
    func refusedWhole() throws {
        var bundle = try Self.bundle()
        bundle.type = "collection"
        #expect(throws: FHIROperationOutcome.self) { try Self.reader.read(bundle, at: Self.now).get() }
        bundle.type = "transaction"
        bundle.entry = []
        #expect(throws: FHIROperationOutcome.self) { try Self.reader.read(bundle, at: Self.now).get() }
        var stored = try Self.bundle()
        stored.entry = Array(stored.entry?.suffix(1) ?? [])
        guard case .encounter(var encounter) = stored.entry?[0].resource else { return }
        encounter.subject = FHIRReference(reference: "Patient/42")
        stored.entry?[0].resource = .encounter(encounter)
        #expect(try Self.reader.read(stored, at: Self.now).get().stays.first?.subject == .stored("42"), "a stored patient is named by its id")
        stored.entry?[0].resource = .encounter(encounter)
        stored.entry?[0].request = .init(method: "PUT", url: "Encounter/7")
        guard case .failure(let put) = Self.reader.read(stored, at: Self.now) else { Issue.record("a PUT of an Encounter was taken"); return }
        #expect(put.issue.first?.expression == ["Bundle.entry[0].request"], "only stored patients are updated")
        stored.entry?[0].request = .init(method: "POST", url: "Encounter")
        encounter.subject = FHIRReference(reference: "urn:uuid:missing")
        stored.entry?[0].resource = .encounter(encounter)
        #expect(throws: FHIROperationOutcome.self) { try Self.reader.read(stored, at: Self.now).get() }
    }

    @Test("FHIR dates: partial dates are their first moment in Vietnam; times keep their zone; nonsense is refused", arguments: [
        ("2027", "2026-12-31T17:00:00Z"), ("2027-01", "2026-12-31T17:00:00Z"), ("2027-01-15", "2027-01-14T17:00:00Z"),
        ("2027-01-15T08:30:00+07:00", "2027-01-15T01:30:00Z"), ("2027-01-15T01:30:00.250Z", "2027-01-15T01:30:00Z"),
    ])
    func dates(text: String, instant: String) throws {
        let parsed = try #require(FHIRDateTime.parse(text))
        #expect(FHIRDateTime.instant(parsed) == instant)
    }

    @Test("what is not a FHIR date is refused", arguments: ["27-01-15", "2027-13-01", "2027-02-30", "tomorrow", "2027-1-5x", ""])
    func badDates(text: String) {
        #expect(FHIRDateTime.parse(text) == nil)
    }

    @Test("a Bundle written back is the FHIR JSON it was read from, resource types and all")
    func roundTrip() throws {
        let bundle = try Self.bundle()
        let written = try JSONEncoder().encode(bundle)
        #expect(try JSONDecoder().decode(FHIRBundle.self, from: written) == bundle)
        let object = try #require(try JSONSerialization.jsonObject(with: written) as? [String: Any])
        let types = (object["entry"] as? [[String: Any]])?.compactMap { ($0["resource"] as? [String: Any])?["resourceType"] as? String }
        #expect(types == ["Patient", "Condition", "Observation", "Encounter"])
    }
}

@Suite("The exchange's CapabilityStatement")
struct CapabilityStatementTests {
    @Test("it says FHIR 4.0.1 in JSON, the transaction, each resource's interactions and searches, and the identifier systems")
    func statement() throws {
        let statement = FHIRCapabilityStatement.covizone(date: "2027-01-15", version: "0.9")
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(statement)) as? [String: Any])
        #expect(json["resourceType"] as? String == "CapabilityStatement" && json["fhirVersion"] as? String == "4.0.1")
        let rest = try #require((json["rest"] as? [[String: Any]])?.first)
        #expect((rest["interaction"] as? [[String: Any]])?.first?["code"] as? String == "transaction")
        let patient = (rest["resource"] as? [[String: Any]])?.first { $0["type"] as? String == "Patient" }
        #expect((patient?["searchParam"] as? [[String: Any]])?.first?["name"] as? String == "identifier")
        #expect((rest["documentation"] as? String)?.contains(CaseVocabulary.IdentifierSystem.cccd) == true)
    }
}
