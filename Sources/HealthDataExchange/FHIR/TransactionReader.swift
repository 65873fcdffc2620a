import CovizoneCore
import Foundation

/// Reads a transaction Bundle into a ``CaseSubmission``: every entry's resource checked against
/// the exchange's rules, references between entries resolved, and every problem reported at once
/// as an OperationOutcome issue that says where it is (`Bundle.entry[2].resource.code`).
public struct TransactionReader: Sendable {
    /// Whether a province code names a province (`Patient.address.state`).
    public let isProvince: @Sendable (String) -> Bool
    /// Whether a ward code names a ward (`Patient.address.district`).
    public let isWard: @Sendable (String) -> Bool
    /// A result dated later than this past now is refused (clocks differ a little).
    public static let clockTolerance: TimeInterval = 300
    public static let maximumEntries = 1_000

    public init(isProvince: @escaping @Sendable (String) -> Bool, isWard: @escaping @Sendable (String) -> Bool) {
        self.isProvince = isProvince
        self.isWard = isWard
    }

    /// The cases `bundle` brings, or the OperationOutcome of all its problems.
    public func read(_ bundle: FHIRBundle, at now: Date) -> Result<CaseSubmission, FHIROperationOutcome> {
        var problems = Problems()
        guard bundle.type == "transaction" else {
            return .failure(.error("invalid", "Send a Bundle of type transaction.", at: "Bundle.type"))
        }
        let entries = bundle.entry ?? []
        guard (1...Self.maximumEntries).contains(entries.count) else {
            return .failure(.error("too-costly", "A transaction holds 1 to \(Self.maximumEntries) entries.", at: "Bundle.entry"))
        }
        var byFullURL: [String: (index: Int, type: String)] = [:]
        for (index, entry) in entries.enumerated() {
            let path = "Bundle.entry[\(index)]"
            guard let resource = entry.resource else {
                problems.add("required", "Each entry holds a resource.", at: "\(path).resource")
                continue
            }
            if let fullUrl = entry.fullUrl {
                if byFullURL[fullUrl] != nil { problems.add("invalid", "fullUrl \(fullUrl) is used twice.", at: "\(path).fullUrl") }
                byFullURL[fullUrl] = (index, resource.resourceType)
            }
            switch entry.request?.method?.uppercased() {
            case "POST": break
            case "PUT" where resource.resourceType == "Patient" && Self.storedID(entry, type: "Patient") != nil: break
            case "PUT": problems.add("not-supported", "Only a stored patient is updated (PUT Patient/{id}); other resources are created.", at: "\(path).request")
            default: problems.add("not-supported", "Entries are created (POST), or a stored patient updated (PUT).", at: "\(path).request.method")
            }
        }
        var submission = CaseSubmission()
        var context = Context(byFullURL: byFullURL, now: now, reader: self)
        for (index, entry) in entries.enumerated() {
            guard let resource = entry.resource else { continue }
            let path = "Bundle.entry[\(index)].resource"
            switch resource {
            case .patient(let patient):
                if let person = context.person(patient, entry: index, storedID: Self.storedID(entry, type: "Patient"), path: path, problems: &problems) {
                    submission.people.append(person)
                }
            case .condition(let condition):
                if let diagnosis = context.diagnosis(condition, entry: index, path: path, problems: &problems) { submission.diagnoses.append(diagnosis) }
            case .observation(let observation):
                if let result = context.labResult(observation, entry: index, path: path, problems: &problems) { submission.labResults.append(result) }
            case .encounter(let encounter):
                if let stay = context.stay(encounter, entry: index, path: path, problems: &problems) { submission.stays.append(stay) }
            case .organization, .location:
                continue
            case .operationOutcome, .other:
                problems.add("not-supported", "\(resource.resourceType) is not taken here (Patient, Condition, Observation, Encounter, Location, Organization).", at: path)
            }
        }
        return problems.issues.isEmpty ? .success(submission) : .failure(FHIROperationOutcome(issue: problems.issues))
    }

    /// The id a `PUT Patient/{id}` names.
    static func storedID(_ entry: FHIRBundle.Entry, type: String) -> String? {
        guard entry.request?.method?.uppercased() == "PUT", let url = entry.request?.url, url.hasPrefix(type + "/") else { return nil }
        let id = String(url.dropFirst(type.count + 1))
        return id.isEmpty ? nil : id
    }

    /// Problems gathered while reading.
    struct Problems {
        var issues: [FHIROperationOutcome.Issue] = []

        mutating func add(_ code: String, _ diagnostics: String, at expression: String) {
            issues.append(.init(code: code, diagnostics: diagnostics, expression: [expression]))
        }
    }
}
