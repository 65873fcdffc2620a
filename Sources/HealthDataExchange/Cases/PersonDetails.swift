/// What a report says of a person besides their identifiers: the name as one line, the birth
/// date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), FHIR's gender, a phone in E.164, the province's and
/// ward's codes and the address. A spreadsheet row, a read transaction and a stored patient hold
/// the same.
public struct PersonDetails: Sendable, Equatable, Codable {
    public var name: String
    public var birthDate: String?
    public var gender: String?
    public var phone: String?
    public var provinceCode: String?
    public var wardCode: String?
    public var address: String?

    public init(
        name: String, birthDate: String? = nil, gender: String? = nil, phone: String? = nil, provinceCode: String? = nil, wardCode: String? = nil,
        address: String? = nil
    ) {
        self.name = name
        self.birthDate = birthDate
        self.gender = gender
        self.phone = phone
        self.provinceCode = provinceCode
        self.wardCode = wardCode
        self.address = address
    }
}
