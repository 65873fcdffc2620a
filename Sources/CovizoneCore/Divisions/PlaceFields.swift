import Foundation

/// The fields every registered place has (a venue, a facility): a name, where it is, and a
/// contact phone, checked alike wherever a place is registered.
public struct PlaceFields: Sendable, Equatable {
    public var name: String
    public var provinceCode: String
    public var wardCode: String
    public var address: String
    public var latitude: Double?
    public var longitude: Double?
    /// E.164.
    public var contactPhone: String

    /// Checks raw fields, appending every problem to `problems`; nil when any field is wrong.
    /// Province and ward codes may be given without their leading zeros.
    public static func check(
        name: String, provinceCode: String, wardCode: String, address: String, latitude: Double?, longitude: Double?, contactPhone: String,
        coordinatesRequired: Bool, divisions: AdministrativeDivisions, problems: inout [FieldError]
    ) -> PlaceFields? {
        let before = problems.count
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(1...200).contains(trimmedName.count) { problems.append(FieldError(field: "name", message: "must be 1 to 200 characters")) }
        let province = AdministrativeDivisions.canonicalCode(provinceCode, digits: 2).flatMap { divisions.province(code: $0) }
        let ward = AdministrativeDivisions.canonicalCode(wardCode, digits: 5).flatMap { divisions.ward(code: $0) }
        if province == nil { problems.append(FieldError(field: "provinceCode", message: "is not a province code")) }
        if let province, ward?.provinceCode != province.code {
            problems.append(FieldError(field: "wardCode", message: "is not a ward of province \(province.code)"))
        }
        let trimmedAddress = address.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(1...300).contains(trimmedAddress.count) { problems.append(FieldError(field: "address", message: "must be 1 to 300 characters")) }
        if coordinatesRequired {
            if latitude == nil { problems.append(FieldError(field: "latitude", message: "is required")) }
            if longitude == nil { problems.append(FieldError(field: "longitude", message: "is required")) }
        } else if (latitude == nil) != (longitude == nil) {
            problems.append(FieldError(field: "longitude", message: "latitude and longitude go together"))
        }
        if let latitude, !(-90...90).contains(latitude) { problems.append(FieldError(field: "latitude", message: "must be -90 to 90")) }
        if let longitude, !(-180...180).contains(longitude) { problems.append(FieldError(field: "longitude", message: "must be -180 to 180")) }
        let phone = PhoneNumber(contactPhone)
        if phone == nil { problems.append(.notAVietnamesePhone("contactPhone")) }
        guard problems.count == before, let province, let ward, let phone else { return nil }
        return PlaceFields(
            name: trimmedName, provinceCode: province.code, wardCode: ward.code, address: trimmedAddress, latitude: latitude, longitude: longitude,
            contactPhone: phone.e164
        )
    }
}
