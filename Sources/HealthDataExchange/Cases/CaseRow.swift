import Foundation

/// One case as a small clinic writes it in a spreadsheet row, turned into the FHIR transaction
/// a hospital's system would send — so a row, a form and a FHIR client are read and stored by the
/// same rules. Times are FHIR dates or dateTimes.
public struct CaseRow: Sendable, Equatable {
    public var identifierSystem: String?
    public var identifier: String?
    public var person: PersonDetails
    /// `suspected` or `confirmed`.
    public var diagnosis: String?
    /// `pcr` or `rapid-antigen`.
    public var test: String?
    /// `positive` or `negative`.
    public var result: String?
    public var testedAt: String?
    public var admittedAt: String?
    public var isolatedAt: String?
    public var dischargedAt: String?
    public var deceasedAt: String?

    public init(person: PersonDetails) {
        self.person = person
    }

    /// The row whose ``columns`` hold what `value` gives (empty text as nothing): a spreadsheet
    /// line's or a form's fields.
    public init(value: (String) -> String) {
        func optional(_ column: String) -> String? {
            let text = value(column).trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }
        self.init(
            person: PersonDetails(
                name: value("name"), birthDate: optional("birthDate"), gender: optional("gender"), phone: optional("phone"), provinceCode: optional("provinceCode"),
                wardCode: optional("wardCode"), address: optional("address")
            )
        )
        (identifierSystem, identifier) = (optional("identifierSystem"), optional("identifier"))
        (diagnosis, test, result, testedAt) = (optional("diagnosis"), optional("test"), optional("result"), optional("testedAt"))
        (admittedAt, isolatedAt, dischargedAt, deceasedAt) = (optional("admittedAt"), optional("isolatedAt"), optional("dischargedAt"), optional("deceasedAt"))
    }

    /// The CSV columns, in the order the template lists them.
    public static let columns = [
        "identifierSystem", "identifier", "name", "birthDate", "gender", "phone", "provinceCode", "wardCode", "address", "diagnosis", "test", "result",
        "testedAt", "admittedAt", "isolatedAt", "dischargedAt", "deceasedAt",
    ]

    /// Where a problem the transaction reader found at `expression` lies in the row.
    public static func column(for expression: String) -> String {
        let table: [(String, String)] = [
            ("address[0].state", "provinceCode"), ("address[0].district", "wardCode"), ("identifier", "identifier"), ("birthDate", "birthDate"),
            ("gender", "gender"), ("telecom", "phone"), ("name", "name"), ("deceasedDateTime", "deceasedAt"), ("verificationStatus", "diagnosis"),
            ("effectiveDateTime", "testedAt"), ("recordedDate", "testedAt"), ("value[x]", "result"), ("period", "admittedAt"),
        ]
        return table.first { expression.contains("." + $0.0) }?.1 ?? (expression.contains("Observation") ? "test" : "row")
    }

    /// The row as a transaction Bundle: the patient, and a condition, an observation and stays as the row says.
    public func bundle() -> FHIRBundle {
        let patientURL = "urn:uuid:" + UUID().uuidString.lowercased()
        let subject = FHIRReference(reference: patientURL)
        var patient = FHIRPatient()
        if let identifier, !identifier.isEmpty {
            patient.identifier = [FHIRIdentifier(system: identifierSystem.flatMap { $0.isEmpty ? nil : $0 } ?? CaseVocabulary.IdentifierSystem.cccd, value: identifier)]
        }
        patient.name = [FHIRHumanName(text: person.name)]
        patient.birthDate = person.birthDate
        patient.gender = person.gender
        patient.telecom = person.phone.map { [FHIRContactPoint(system: "phone", value: $0)] }
        if person.provinceCode != nil || person.wardCode != nil || person.address != nil {
            patient.address = [FHIRAddress(text: person.address, district: person.wardCode, state: person.provinceCode)]
        }
        patient.deceasedDateTime = deceasedAt
        var entries = [FHIRBundle.Entry(fullUrl: patientURL, resource: .patient(patient), request: .init(method: "POST", url: "Patient"))]
        func add(_ resource: FHIRAnyResource, _ type: String) {
            entries.append(.init(fullUrl: "urn:uuid:" + UUID().uuidString.lowercased(), resource: resource, request: .init(method: "POST", url: type)))
        }
        if let diagnosis {
            var condition = FHIRCondition()
            condition.code = FHIRCodeableConcept(coding: [FHIRCoding(system: CaseVocabulary.snomed, code: "840539006", display: "Disease caused by SARS-CoV-2")])
            let status = diagnosis == "confirmed" ? "confirmed" : diagnosis == "suspected" ? "provisional" : diagnosis
            condition.verificationStatus = FHIRCodeableConcept(coding: [FHIRCoding(system: CaseVocabulary.verificationStatus, code: status)])
            condition.subject = subject
            condition.recordedDate = testedAt ?? admittedAt ?? isolatedAt
            add(.condition(condition), "Condition")
        }
        if let test {
            var observation = FHIRObservation()
            observation.status = "final"
            observation.code = FHIRCodeableConcept(coding: [FHIRCoding(system: CaseVocabulary.loinc, code: test == "pcr" ? "94500-6" : test == "rapid-antigen" ? "94558-4" : test)])
            observation.subject = subject
            observation.effectiveDateTime = testedAt
            if let result {
                let code = result == "positive" ? "260373001" : result == "negative" ? "260415000" : result
                observation.valueCodeableConcept = FHIRCodeableConcept(coding: [FHIRCoding(system: CaseVocabulary.snomed, code: code)])
            }
            add(.observation(observation), "Observation")
        }
        for (start, kind, classCode) in [(admittedAt, "admission", "IMP"), (isolatedAt, "isolation", "HH")] {
            guard let start else { continue }
            var encounter = FHIREncounter()
            encounter.status = dischargedAt == nil ? "in-progress" : "finished"
            encounter.class = FHIRCoding(system: CaseVocabulary.actCode, code: classCode)
            encounter.type = [FHIRCodeableConcept(coding: [FHIRCoding(system: CaseVocabulary.stayKind, code: kind)])]
            encounter.subject = subject
            encounter.period = FHIRPeriod(start: start)
            add(.encounter(encounter), "Encounter")
        }
        if let dischargedAt {
            var encounter = FHIREncounter()
            encounter.status = "finished"
            encounter.class = FHIRCoding(system: CaseVocabulary.actCode, code: "IMP")
            encounter.type = [FHIRCodeableConcept(coding: [FHIRCoding(system: CaseVocabulary.stayKind, code: "discharge")])]
            encounter.subject = subject
            encounter.period = FHIRPeriod(start: admittedAt ?? isolatedAt ?? dischargedAt, end: dischargedAt)
            add(.encounter(encounter), "Encounter")
        }
        return FHIRBundle(type: "transaction", entry: entries)
    }
}
