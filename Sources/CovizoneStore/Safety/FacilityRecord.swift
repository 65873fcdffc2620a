import FacilitySafety
import Foundation
import SQLKit

/// What a facility is and where: the fields of a registration.
public struct FacilityDetails: Sendable, Equatable {
    public var name: String
    public var type: FacilityType
    public var provinceCode: String
    public var wardCode: String
    public var address: String
    public var latitude: Double
    public var longitude: Double
    /// E.164.
    public var contactPhone: String

    public init(
        name: String, type: FacilityType, provinceCode: String, wardCode: String, address: String, latitude: Double, longitude: Double, contactPhone: String
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

/// The latest self-check of a facility, as its row keeps it.
public struct LatestSelfCheck: Sendable, Equatable {
    public var id: Int64
    public var status: SafetyStatus
    public var score: Int
    public var riskLevel: RiskLevel
    public var reportedAt: Date
    /// The Vietnamese day number it was made on.
    public var day: Int
}

/// A stored facility with its standing.
public struct FacilityRecord: Sendable, Equatable {
    public var id: Int64
    public var details: FacilityDetails
    public var managerID: Int64?
    public var venueID: Int64?
    public var createdAt: Date
    public var latest: LatestSelfCheck?
    /// Since when a verified report of a critical lapse keeps the facility red.
    public var alertSince: Date?

    /// The colour the map shows on `today` (a Vietnamese day number).
    public func status(today: Int) -> SafetyStatus {
        SafetyStatus.standing(latest: latest?.status, reportedOnDay: latest?.day, today: today, alerted: alertSince != nil)
    }

    static let columns = [
        "id", "name", "type", "province_code", "ward_code", "address", "latitude", "longitude", "contact_phone", "manager_id", "venue_id",
        "created_at", "latest_check_id", "latest_status", "latest_score", "latest_risk_level", "latest_reported_at", "latest_day", "alert_since",
    ]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        details = FacilityDetails(
            name: try row.decode(column: "name", as: String.self), type: try row.value("type", as: FacilityType.self),
            provinceCode: try row.decode(column: "province_code", as: String.self), wardCode: try row.decode(column: "ward_code", as: String.self),
            address: try row.decode(column: "address", as: String.self), latitude: try row.decode(column: "latitude", as: Double.self),
            longitude: try row.decode(column: "longitude", as: Double.self), contactPhone: try row.decode(column: "contact_phone", as: String.self)
        )
        managerID = try row.optionalInt64("manager_id")
        venueID = try row.optionalInt64("venue_id")
        createdAt = try row.date("created_at")
        if let checkID = try row.optionalInt64("latest_check_id") {
            latest = LatestSelfCheck(
                id: checkID, status: try row.value("latest_status", as: SafetyStatus.self), score: Int(try row.decode(column: "latest_score", as: Int64.self)),
                riskLevel: try row.value("latest_risk_level", as: RiskLevel.self), reportedAt: try row.date("latest_reported_at"),
                day: Int(try row.decode(column: "latest_day", as: Int64.self))
            )
        }
        alertSince = try row.optionalInt64("alert_since").map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}

/// What a facility shows on the map: its place and colour, nothing else.
public struct FacilityMapPoint: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var type: FacilityType
    public var latitude: Double
    public var longitude: Double
    public var status: SafetyStatus
    /// The latest self-check's score, whatever its day.
    public var score: Int?

    public init(id: Int64, name: String, type: FacilityType, latitude: Double, longitude: Double, status: SafetyStatus, score: Int?) {
        self.id = id
        self.name = name
        self.type = type
        self.latitude = latitude
        self.longitude = longitude
        self.status = status
        self.score = score
    }
}
