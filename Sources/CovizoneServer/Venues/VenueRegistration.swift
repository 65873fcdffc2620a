import CovizoneCore
import CovizoneStore
import Foundation
import VenueCheckIn

/// A venue as the API takes it, checked field by field.
struct VenueRegistration: Decodable, Sendable {
    var name: String
    var type: String
    var provinceCode: String
    var wardCode: String
    var address: String
    var latitude: Double?
    var longitude: Double?
    var contactPhone: String

    /// The checked details, or every problem at once.
    func details(divisions: AdministrativeDivisions) throws(ValidationFailure) -> VenueDetails {
        var problems: [FieldError] = []
        let venueType = VenueType(rawValue: type)
        if venueType == nil {
            problems.append(FieldError(field: "type", message: "must be one of " + VenueType.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        let place = PlaceFields.check(
            name: name, provinceCode: provinceCode, wardCode: wardCode, address: address, latitude: latitude, longitude: longitude,
            contactPhone: contactPhone, coordinatesRequired: false, divisions: divisions, problems: &problems
        )
        guard let venueType, let place else { throw ValidationFailure(problems) }
        return VenueDetails(
            name: place.name, type: venueType, provinceCode: place.provinceCode, wardCode: place.wardCode, address: place.address,
            latitude: place.latitude, longitude: place.longitude, contactPhone: place.contactPhone
        )
    }
}
