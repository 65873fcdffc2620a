import Foundation
import HealthDataExchange
import SQLKit

/// One person as the exchange knows them, whoever reported them.
public struct HealthPatientRecord: Sendable, Equatable {
    public var id: Int64
    public var details: PersonDetails
    public var deceasedAt: Date?
    public var status: CaseStatus
    public var statusAt: Date
    public var updatedAt: Date
    public var identifiers: [PersonIdentifier] = []
    /// The facility accounts that reported this person.
    public var sourceAccountIDs: [Int64] = []

    static let columns = ["id", "name", "birth_date", "gender", "phone", "province_code", "ward_code", "address", "deceased_at", "status", "status_at", "updated_at"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        details = PersonDetails(
            name: try row.decode(column: "name", as: String.self), birthDate: try row.optionalString("birth_date"), gender: try row.optionalString("gender"),
            phone: try row.optionalString("phone"), provinceCode: try row.optionalString("province_code"), wardCode: try row.optionalString("ward_code"),
            address: try row.optionalString("address")
        )
        deceasedAt = try row.optionalDate("deceased_at")
        status = try row.value("status", as: CaseStatus.self)
        statusAt = try row.date("status_at")
        updatedAt = try row.date("updated_at")
    }
}

/// A diagnosis, lab result or stay as a facility sent it (its FHIR resource, with our ids).
public struct HealthRecordRow: Sendable, Equatable {
    public var id: Int64
    public var patientID: Int64
    public var accountID: Int64
    /// `Condition`, `Observation` or `Encounter`.
    public var kind: String
    /// The resource's FHIR JSON.
    public var resource: String
    public var at: Date
}
