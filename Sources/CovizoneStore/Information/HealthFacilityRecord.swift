import CovizoneCore
import Foundation
import OfficialInformation
import SQLKit

/// What a directory entry of a health facility says.
public struct HealthFacilityDetails: Codable, Sendable, Equatable {
    public var name: String
    public var services: [HealthService]
    public var provinceCode: String
    public var wardCode: String
    public var address: String
    public var latitude: Double
    public var longitude: Double
    public var phone: String
    /// Opening hours, free text.
    public var hours: String
    /// Figures the facility keeps up to date (`{"bedsFree": 12}`).
    public var capacity: [String: Int]?

    public init(
        name: String, services: [HealthService], provinceCode: String, wardCode: String, address: String, latitude: Double, longitude: Double,
        phone: String, hours: String, capacity: [String: Int]?
    ) {
        self.name = name
        self.services = services
        self.provinceCode = provinceCode
        self.wardCode = wardCode
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.phone = phone
        self.hours = hours
        self.capacity = capacity
    }

    /// Name and address as look-up reads them: words without diacritics between spaces.
    var folded: String {
        " " + SearchText.terms(name + " " + address).joined(separator: " ") + " "
    }
}

/// A stored facility of the directory.
public struct HealthFacilityRecord: Sendable, Equatable {
    public var id: Int64
    public var details: HealthFacilityDetails
    /// The `health-facility` account that keeps the entry up to date.
    public var accountID: Int64?
    public var updatedAt: Date
    public var updatedBy: String

    static let columns = [
        "id", "name", "services", "province_code", "ward_code", "address", "latitude", "longitude", "phone", "hours", "capacity", "account_id",
        "updated_at", "updated_by",
    ]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        details = HealthFacilityDetails(
            name: try row.decode(column: "name", as: String.self),
            services: HealthService.services(in: Int(try row.decode(column: "services", as: Int64.self))),
            provinceCode: try row.decode(column: "province_code", as: String.self), wardCode: try row.decode(column: "ward_code", as: String.self),
            address: try row.decode(column: "address", as: String.self), latitude: try row.decode(column: "latitude", as: Double.self),
            longitude: try row.decode(column: "longitude", as: Double.self), phone: try row.decode(column: "phone", as: String.self),
            hours: try row.decode(column: "hours", as: String.self),
            capacity: try row.optionalString("capacity").map { try JSONDecoder().decode([String: Int].self, from: Data($0.utf8)) }
        )
        accountID = try row.optionalInt64("account_id")
        updatedAt = try row.date("updated_at")
        updatedBy = try row.decode(column: "updated_by", as: String.self)
    }

    public var position: GeoPoint? { GeoPoint(checkingLatitude: details.latitude, longitude: details.longitude) }
}
