import CovizoneCore
import Foundation

extension TransactionReader {
    /// What reading one resource needs: the Bundle's entries by full URL and the time.
    struct Context {
        let byFullURL: [String: (index: Int, type: String)]
        let now: Date
        let reader: TransactionReader

        static let genders: Set<String> = ["male", "female", "other", "unknown"]

        func person(_ patient: FHIRPatient, entry: Int, storedID: String?, path: String, problems: inout Problems) -> CaseSubmission.Person? {
            let before = problems.issues.count
            var identifiers: [PersonIdentifier] = []
            for (index, identifier) in (patient.identifier ?? []).enumerated() {
                guard let system = identifier.system?.trimmingCharacters(in: .whitespaces), !system.isEmpty,
                    var value = identifier.value?.trimmingCharacters(in: .whitespaces), !value.isEmpty, value.count <= 100
                else {
                    problems.add("required", "An identifier needs its system and a value of at most 100 characters.", at: "\(path).identifier[\(index)]")
                    continue
                }
                if system == CaseVocabulary.IdentifierSystem.phone {
                    guard let phone = PhoneNumber(value) else {
                        problems.add("value", "Not a Vietnamese phone number.", at: "\(path).identifier[\(index)].value")
                        continue
                    }
                    value = phone.e164
                }
                if system == CaseVocabulary.IdentifierSystem.cccd, !(value.count == 12 && value.allSatisfy(\.isNumber)) {
                    problems.add("value", "A CCCD number has 12 digits.", at: "\(path).identifier[\(index)].value")
                }
                identifiers.append(PersonIdentifier(system: system, value: value))
            }
            let name = (patient.name ?? []).first.map(\.whole)?.trimmingCharacters(in: .whitespaces) ?? ""
            if name.isEmpty || name.count > 200 { problems.add("required", "A patient needs a name (at most 200 characters).", at: "\(path).name") }
            var phone: String?
            for (index, contact) in (patient.telecom ?? []).enumerated() where contact.system == "phone" {
                guard let number = contact.value.flatMap(PhoneNumber.init) else {
                    problems.add("value", "Not a Vietnamese phone number.", at: "\(path).telecom[\(index)].value")
                    continue
                }
                phone = phone ?? number.e164
            }
            if let birthDate = patient.birthDate {
                if let date = FHIRDateTime.parse(birthDate), birthDate.count <= 10 {
                    if date > now { problems.add("value", "The birth date is in the future.", at: "\(path).birthDate") }
                } else {
                    problems.add("value", "birthDate is YYYY, YYYY-MM or YYYY-MM-DD.", at: "\(path).birthDate")
                }
            }
            if let gender = patient.gender, !Self.genders.contains(gender) {
                problems.add("code-invalid", "gender is male, female, other or unknown.", at: "\(path).gender")
            }
            if identifiers.isEmpty, phone == nil || patient.birthDate == nil {
                problems.add("required", "A patient needs an identifier, or a phone and a birth date with the name.", at: "\(path).identifier")
            }
            let address = patient.address?.first
            if let state = address?.state, !reader.isProvince(state) {
                problems.add("code-invalid", "address.state holds the province's code (\(state) names none).", at: "\(path).address[0].state")
            }
            if let district = address?.district, !reader.isWard(district) {
                problems.add("code-invalid", "address.district holds the ward's code (\(district) names none).", at: "\(path).address[0].district")
            }
            var deceasedAt: Date?
            if let text = patient.deceasedDateTime {
                deceasedAt = checkedTime(text, at: "\(path).deceasedDateTime", problems: &problems)
            } else if patient.deceasedBoolean == true {
                deceasedAt = now
            }
            guard problems.issues.count == before else { return nil }
            let details = PersonDetails(
                name: name, birthDate: patient.birthDate, gender: patient.gender, phone: phone, provinceCode: address?.state, wardCode: address?.district,
                address: address?.line?.joined(separator: ", ") ?? address?.text
            )
            return CaseSubmission.Person(entry: entry, storedID: storedID, identifiers: identifiers, details: details, deceasedAt: deceasedAt)
        }

        func diagnosis(_ condition: FHIRCondition, entry: Int, path: String, problems: inout Problems) -> CaseSubmission.Diagnosis? {
            let before = problems.issues.count
            let isCovid = condition.code?.has(system: CaseVocabulary.snomed, anyOf: CaseVocabulary.covidSNOMED) == true
                || condition.code?.has(system: CaseVocabulary.icd10, anyOf: CaseVocabulary.covidICD10) == true
            if !isCovid { problems.add("code-invalid", "The condition is COVID-19: SNOMED CT 840539006 or ICD-10 U07.1.", at: "\(path).code") }
            let verification: CaseSubmission.Verification?
            switch condition.verificationStatus?.code(in: CaseVocabulary.verificationStatus) {
            case "provisional", "unconfirmed", "differential": verification = .suspected
            case "confirmed": verification = .confirmed
            case "refuted", "entered-in-error": verification = .refuted
            default: verification = nil
            }
            if verification == nil {
                problems.add("required", "verificationStatus says provisional (suspected), confirmed or refuted.", at: "\(path).verificationStatus")
            }
            let subject = self.subject(condition.subject, at: "\(path).subject", problems: &problems)
            let onset = condition.onsetDateTime.flatMap { checkedTime($0, at: "\(path).onsetDateTime", problems: &problems) }
            let recorded = condition.recordedDate.flatMap { checkedTime($0, at: "\(path).recordedDate", problems: &problems) }
            guard problems.issues.count == before, let subject, let verification else { return nil }
            return CaseSubmission.Diagnosis(
                entry: entry, subject: subject, verification: verification, clinicalStatus: condition.clinicalStatus?.code(in: CaseVocabulary.clinicalStatus),
                onset: onset, recorded: recorded
            )
        }

        func labResult(_ observation: FHIRObservation, entry: Int, path: String, problems: inout Problems) -> CaseSubmission.LabResult? {
            let before = problems.issues.count
            let loinc = observation.code?.code(in: CaseVocabulary.loinc) ?? ""
            let test: CaseSubmission.LabResult.Test? =
                CaseVocabulary.pcrTests.contains(loinc) ? .pcr : CaseVocabulary.antigenTests.contains(loinc) ? .rapidAntigen : nil
            if test == nil { problems.add("code-invalid", "The test is a SARS-CoV-2 PCR or rapid antigen test by LOINC (e.g. 94500-6, 94558-4).", at: "\(path).code") }
            if let status = observation.status, ["cancelled", "entered-in-error"].contains(status) {
                problems.add("value", "A cancelled or erroneous result is not a result.", at: "\(path).status")
            }
            let result = Self.result(observation)
            if result == nil {
                problems.add("required", "The result is valueCodeableConcept (SNOMED CT detected / not detected) or an interpretation POS / NEG.", at: "\(path).value[x]")
            }
            var effective: Date?
            if let text = observation.effectiveDateTime {
                effective = checkedTime(text, at: "\(path).effectiveDateTime", problems: &problems)
            } else {
                problems.add("required", "effectiveDateTime says when the sample was taken.", at: "\(path).effectiveDateTime")
            }
            let subject = self.subject(observation.subject, at: "\(path).subject", problems: &problems)
            guard problems.issues.count == before, let test, let result, let effective, let subject else { return nil }
            return CaseSubmission.LabResult(entry: entry, subject: subject, test: test, loinc: loinc, result: result, effective: effective)
        }

        static func result(_ observation: FHIRObservation) -> CaseSubmission.LabResult.Result? {
            if let value = observation.valueCodeableConcept {
                if value.has(system: CaseVocabulary.snomed, anyOf: CaseVocabulary.positiveResults) { return .positive }
                if value.has(system: CaseVocabulary.snomed, anyOf: CaseVocabulary.negativeResults) { return .negative }
                if value.has(system: CaseVocabulary.snomed, anyOf: CaseVocabulary.inconclusiveResults) { return .inconclusive }
            }
            for interpretation in observation.interpretation ?? [] {
                if interpretation.has(system: CaseVocabulary.interpretation, anyOf: ["POS", "DET"]) { return .positive }
                if interpretation.has(system: CaseVocabulary.interpretation, anyOf: ["NEG", "ND"]) { return .negative }
                if interpretation.has(system: CaseVocabulary.interpretation, anyOf: ["IND"]) { return .inconclusive }
            }
            return nil
        }

        func stay(_ encounter: FHIREncounter, entry: Int, path: String, problems: inout Problems) -> CaseSubmission.Stay? {
            let before = problems.issues.count
            let kind = Self.kind(of: encounter)
            if kind == nil {
                problems.add("code-invalid", "class is IMP (admission) or HH (isolation at home), or type names a stay kind of \(CaseVocabulary.stayKind).", at: "\(path).class")
            }
            var start: Date?
            if let text = encounter.period?.start {
                start = checkedTime(text, at: "\(path).period.start", problems: &problems)
            } else {
                problems.add("required", "period.start says when the stay began.", at: "\(path).period.start")
            }
            let end = encounter.period?.end.flatMap { checkedTime($0, at: "\(path).period.end", problems: &problems) }
            if let start, let end, end < start { problems.add("value", "The period ends before it starts.", at: "\(path).period") }
            let subject = self.subject(encounter.subject, at: "\(path).subject", problems: &problems)
            guard problems.issues.count == before, let kind, let start, let subject else { return nil }
            return CaseSubmission.Stay(entry: entry, subject: subject, kind: kind, start: start, end: end)
        }

        /// A stay's kind: Covizone's stay-kind code when given, else from the class and how it ended.
        static func kind(of encounter: FHIREncounter) -> CaseSubmission.Stay.Kind? {
            for type in encounter.type ?? [] {
                if let code = type.code(in: CaseVocabulary.stayKind), let kind = CaseSubmission.Stay.Kind(rawValue: code) { return kind }
            }
            if encounter.hospitalization?.dischargeDisposition?.has(system: CaseVocabulary.dischargeDisposition, anyOf: ["other-hcf", "hosp", "long", "snf"]) == true {
                return .transfer
            }
            guard encounter.class?.system == CaseVocabulary.actCode else { return nil }
            switch encounter.class?.code {
            case "IMP", "ACUTE", "NONAC", "EMER": return encounter.status == "finished" ? .discharge : .admission
            case "HH": return .isolation
            default: return nil
            }
        }

        /// The patient `reference` names: an entry of the Bundle holding a Patient, or a stored `Patient/{id}`.
        func subject(_ reference: FHIRReference?, at path: String, problems: inout Problems) -> CaseSubmission.Subject? {
            guard let target = reference?.reference, !target.isEmpty else {
                problems.add("required", "subject names the patient.", at: path)
                return nil
            }
            if let entry = byFullURL[target] {
                guard entry.type == "Patient" else {
                    problems.add("invalid", "subject names a \(entry.type), not a Patient.", at: path)
                    return nil
                }
                return .entry(entry.index)
            }
            if target.hasPrefix("Patient/"), target.count > 8, !target.dropFirst(8).contains("/") { return .stored(String(target.dropFirst(8))) }
            problems.add("not-found", "subject \(target) is neither an entry of this Bundle nor Patient/{id}.", at: path)
            return nil
        }

        /// A dateTime that must be real and not in the future.
        func checkedTime(_ text: String, at path: String, problems: inout Problems) -> Date? {
            guard let date = FHIRDateTime.parse(text) else {
                problems.add("value", "\(text) is not a FHIR dateTime.", at: path)
                return nil
            }
            guard date <= now + TransactionReader.clockTolerance else {
                problems.add("value", "\(text) is in the future.", at: path)
                return nil
            }
            return date
        }
    }
}
