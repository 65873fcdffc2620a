import Foundation

/// The FHIR R4 resources of a case: the person, the disease, lab results, stays, and the
/// facility. Each carries `resourceType` as FHIR JSON does.

/// `Patient`.
public struct FHIRPatient: Codable, Sendable, Equatable {
    public var resourceType = "Patient"
    public var id: String?
    public var meta: FHIRMeta?
    public var identifier: [FHIRIdentifier]?
    public var name: [FHIRHumanName]?
    public var telecom: [FHIRContactPoint]?
    /// `male`, `female`, `other`, `unknown`.
    public var gender: String?
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var birthDate: String?
    public var deceasedBoolean: Bool?
    public var deceasedDateTime: String?
    public var address: [FHIRAddress]?
    public var managingOrganization: FHIRReference?

    public init(id: String? = nil) {
        self.id = id
    }
}

/// `Condition`: COVID-19, suspected (`provisional`) or confirmed.
public struct FHIRCondition: Codable, Sendable, Equatable {
    public var resourceType = "Condition"
    public var id: String?
    public var meta: FHIRMeta?
    /// `active`, `recurrence`, `relapse`, `inactive`, `remission`, `resolved`.
    public var clinicalStatus: FHIRCodeableConcept?
    /// `unconfirmed`, `provisional`, `differential`, `confirmed`, `refuted`, `entered-in-error`.
    public var verificationStatus: FHIRCodeableConcept?
    public var code: FHIRCodeableConcept?
    public var subject: FHIRReference?
    public var onsetDateTime: String?
    public var recordedDate: String?

    public init(id: String? = nil) {
        self.id = id
    }
}

/// `Observation`: a laboratory result.
public struct FHIRObservation: Codable, Sendable, Equatable {
    public var resourceType = "Observation"
    public var id: String?
    public var meta: FHIRMeta?
    /// `registered`, `preliminary`, `final`, `amended`, `corrected`, `cancelled`, `entered-in-error`, `unknown`.
    public var status: String?
    public var category: [FHIRCodeableConcept]?
    public var code: FHIRCodeableConcept?
    public var subject: FHIRReference?
    public var effectiveDateTime: String?
    public var issued: String?
    public var valueCodeableConcept: FHIRCodeableConcept?
    public var valueString: String?
    public var interpretation: [FHIRCodeableConcept]?
    public var performer: [FHIRReference]?

    public init(id: String? = nil) {
        self.id = id
    }
}

/// `Encounter`: an admission, an isolation stay, a discharge or a transfer.
public struct FHIREncounter: Codable, Sendable, Equatable {
    public struct Hospitalization: Codable, Sendable, Equatable {
        public var dischargeDisposition: FHIRCodeableConcept?
        public var destination: FHIRReference?
    }

    public struct LocationEntry: Codable, Sendable, Equatable {
        public var location: FHIRReference?
        public var status: String?
    }

    public var resourceType = "Encounter"
    public var id: String?
    public var meta: FHIRMeta?
    /// `planned`, `arrived`, `triaged`, `in-progress`, `onleave`, `finished`, `cancelled`, `entered-in-error`, `unknown`.
    public var status: String?
    /// v3 ActCode: `IMP` (inpatient), `EMER`, `AMB`, `HH` (home health), `ACUTE`, `NONAC`.
    public var `class`: FHIRCoding?
    public var type: [FHIRCodeableConcept]?
    public var subject: FHIRReference?
    public var period: FHIRPeriod?
    public var hospitalization: Hospitalization?
    public var location: [LocationEntry]?
    public var serviceProvider: FHIRReference?

    public init(id: String? = nil) {
        self.id = id
    }
}

/// `Organization`: the hospital, isolation facility or laboratory.
public struct FHIROrganization: Codable, Sendable, Equatable {
    public var resourceType = "Organization"
    public var id: String?
    public var identifier: [FHIRIdentifier]?
    public var name: String?
    public var address: [FHIRAddress]?

    public init(id: String? = nil) {
        self.id = id
    }
}

/// `Location`: a ward, an isolation area, a facility's site.
public struct FHIRLocation: Codable, Sendable, Equatable {
    public var resourceType = "Location"
    public var id: String?
    public var identifier: [FHIRIdentifier]?
    public var name: String?
    public var address: FHIRAddress?
    public var managingOrganization: FHIRReference?

    public init(id: String? = nil) {
        self.id = id
    }
}
