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
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(1...200).contains(trimmedName.count) { problems.append(FieldError(field: "name", message: "must be 1 to 200 characters")) }
        let venueType = VenueType(rawValue: type)
        if venueType == nil {
            problems.append(FieldError(field: "type", message: "must be one of " + VenueType.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        let province = AdministrativeDivisions.canonicalCode(provinceCode, digits: 2).flatMap { divisions.province(code: $0) }
        let ward = AdministrativeDivisions.canonicalCode(wardCode, digits: 5).flatMap { divisions.ward(code: $0) }
        if province == nil { problems.append(FieldError(field: "provinceCode", message: "is not a province code")) }
        if let province, ward?.provinceCode != province.code {
            problems.append(FieldError(field: "wardCode", message: "is not a ward of province \(province.code)"))
        }
        let trimmedAddress = address.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(1...300).contains(trimmedAddress.count) { problems.append(FieldError(field: "address", message: "must be 1 to 300 characters")) }
        if (latitude == nil) != (longitude == nil) {
            problems.append(FieldError(field: "longitude", message: "latitude and longitude go together"))
        }
        if let latitude, !(-90...90).contains(latitude) { problems.append(FieldError(field: "latitude", message: "must be -90 to 90")) }
        if let longitude, !(-180...180).contains(longitude) { problems.append(FieldError(field: "longitude", message: "must be -180 to 180")) }
        let phone = PhoneNumber(contactPhone)
        if phone == nil { problems.append(.notAVietnamesePhone("contactPhone")) }
        guard problems.isEmpty, let venueType, let province, let ward, let phone else { throw ValidationFailure(problems) }
        return VenueDetails(
            name: trimmedName, type: venueType, provinceCode: province.code, wardCode: ward.code, address: trimmedAddress, latitude: latitude,
            longitude: longitude, contactPhone: phone.e164
        )
    }
}
