import Foundation
import HealthDataExchange

extension HealthExchangeRepository.NewRecord {
    /// The records `submission` writes: each diagnosis, lab result and stay as the facility sent
    /// it in `entries`, filed with its patient's id (its own is the row's, set when read); dated by the time it gives
    /// (`reportedAt` for a diagnosis that gives none).
    public static func records(of submission: CaseSubmission, in entries: [FHIRBundle.Entry], reportedAt: Date) -> [Self] {
        let located = submission.diagnoses.map { ($0.entry, $0.subject, $0.recorded ?? $0.onset ?? reportedAt) }
            + submission.labResults.map { ($0.entry, $0.subject, $0.effective) } + submission.stays.map { ($0.entry, $0.subject, $0.start) }
        return located.compactMap { entry, subject, at in
            guard let resource = entries[entry].resource else { return nil }
            return .init(entry: entry, subject: subject, kind: resource.resourceType, at: at) { patient in
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                let filed = resource.filed(id: nil, subject: FHIRReference(reference: "Patient/\(patient)"))
                return String(decoding: try encoder.encode(filed), as: UTF8.self)
            }
        }
    }
}
