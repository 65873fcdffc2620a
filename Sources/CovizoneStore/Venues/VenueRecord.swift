import Foundation
import SQLKit
import VenueCheckIn

/// Where a venue's registration stands.
public enum VenueStatus: String, Codable, Sendable {
    /// Registered by its owner, waiting for a province officer.
    case pending
    /// May display its QR code and receive check-ins.
    case approved
}

/// What a venue is and where: the fields of a registration.
public struct VenueDetails: Sendable, Equatable {
    public var name: String
    public var type: VenueType
    public var provinceCode: String
    public var wardCode: String
    public var address: String
    public var latitude: Double?
    public var longitude: Double?
    /// E.164.
    public var contactPhone: String

    public init(
        name: String, type: VenueType, provinceCode: String, wardCode: String, address: String, latitude: Double?, longitude: Double?,
        contactPhone: String
    ) {
        self.name = name
        self.type = type
        self.provinceCode = provinceCode
        self.wardCode = wardCode
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.contactPhone = contactPhone
    }
}

/// A stored venue.
public struct VenueRecord: Sendable, Equatable {
    public var id: Int64
    public var ownerID: Int64?
    public var details: VenueDetails
    public var status: VenueStatus
    public var createdAt: Date
    public var approvedAt: Date?

    static let columns = [
        "id", "owner_id", "name", "type", "province_code", "ward_code", "address", "latitude", "longitude", "contact_phone", "status",
        "created_at", "approved_at",
    ]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        ownerID = try row.optionalInt64("owner_id")
        details = VenueDetails(
            name: try row.decode(column: "name", as: String.self), type: try row.value("type", as: VenueType.self),
            provinceCode: try row.decode(column: "province_code", as: String.self), wardCode: try row.decode(column: "ward_code", as: String.self),
            address: try row.decode(column: "address", as: String.self), latitude: try row.decode(column: "latitude", as: Double?.self),
            longitude: try row.decode(column: "longitude", as: Double?.self), contactPhone: try row.decode(column: "contact_phone", as: String.self)
        )
        status = VenueStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .pending
        createdAt = try row.date("created_at")
        approvedAt = try row.optionalInt64("approved_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}
