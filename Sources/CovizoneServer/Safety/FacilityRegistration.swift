import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation

/// A facility as the API and the import take it, checked field by field.
struct FacilityRegistration: Decodable, Sendable {
    var name: String
    var type: String
    var provinceCode: String
    var wardCode: String
    var address: String
    var latitude: Double?
    var longitude: Double?
    var contactPhone: String
    /// The facility-manager account that will self-check it (a province officer registering for someone).
    var managerUsername: String?
    /// The facility's check-in venue, so that the poster and the status live together.
    var venueId: Int64?

    /// The checked details, or every problem at once.
    func details(divisions: AdministrativeDivisions) throws(ValidationFailure) -> FacilityDetails {
        var problems: [FieldError] = []
        let facilityType = FacilityType(rawValue: type)
        if facilityType == nil {
            problems.append(FieldError(field: "type", message: "must be one of " + FacilityType.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        let place = PlaceFields.check(
            name: name, provinceCode: provinceCode, wardCode: wardCode, address: address, latitude: latitude, longitude: longitude,
            contactPhone: contactPhone, coordinatesRequired: true, divisions: divisions, problems: &problems
        )
        guard let facilityType, let place, let latitude = place.latitude, let longitude = place.longitude else { throw ValidationFailure(problems) }
        return FacilityDetails(
            name: place.name, type: facilityType, provinceCode: place.provinceCode, wardCode: place.wardCode, address: place.address, latitude: latitude,
            longitude: longitude, contactPhone: place.contactPhone
        )
    }
}
