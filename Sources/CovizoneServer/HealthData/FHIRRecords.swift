import CovizoneStore
import Foundation
import HealthDataExchange

/// Between stored rows and FHIR: the transaction-response, and a stored patient as a `Patient` resource.
enum FHIRRecords {
    /// The transaction-response: one entry per request, in order, with where the resource now is.
    static func response(to entries: [FHIRBundle.Entry], stored: HealthExchangeRepository.Stored, at now: Date) -> FHIRBundle {
        FHIRBundle(
            type: "transaction-response",
            entry: entries.enumerated().map { index, entry in
                let type = entry.resource?.resourceType ?? "Resource"
                guard let id = stored.ids[index] else { return .init(response: .init(status: "200 OK")) }
                let isNew = type != "Patient" || stored.created.contains(index)
                return .init(
                    fullUrl: "\(type)/\(id)",
                    response: .init(status: isNew ? "201 Created" : "200 OK", location: "\(type)/\(id)", lastModified: FHIRDateTime.instant(now))
                )
            }
        )
    }

    /// A stored patient as FHIR.
    static func patient(_ record: HealthPatientRecord) -> FHIRPatient {
        var patient = FHIRPatient(id: String(record.id))
        patient.meta = FHIRMeta(versionId: nil, lastUpdated: FHIRDateTime.instant(record.updatedAt))
        patient.identifier = record.identifiers.isEmpty ? nil : record.identifiers.map { FHIRIdentifier(system: $0.system, value: $0.value) }
        let details = record.details
        patient.name = [FHIRHumanName(text: details.name)]
        patient.telecom = details.phone.map { [FHIRContactPoint(system: "phone", value: $0)] }
        patient.gender = details.gender
        patient.birthDate = details.birthDate
        if let deceased = record.deceasedAt { patient.deceasedDateTime = FHIRDateTime.instant(deceased) }
        if details.provinceCode != nil || details.address != nil {
            patient.address = [FHIRAddress(text: details.address, district: details.wardCode, state: details.provinceCode)]
        }
        return patient
    }
}
