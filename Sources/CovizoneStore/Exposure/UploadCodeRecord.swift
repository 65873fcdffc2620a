import Foundation
import SQLKit

/// What an upload code was issued for, by whom and until when.
public struct UploadCodeDetails: Sendable, Equatable {
    /// `confirmed`, `likely` or `negative`.
    public var testType: String
    /// `YYYY-MM-DD`, when given.
    public var testDate: String?
    public var symptomDate: String?
    public var provinceCode: String?
    public var issuedBy: Int64
    public var issuedAt: Date
    public var shortExpiresAt: Date
    public var longExpiresAt: Date

    public init(
        testType: String, testDate: String?, symptomDate: String?, provinceCode: String?, issuedBy: Int64, issuedAt: Date,
        shortExpiresAt: Date, longExpiresAt: Date
    ) {
        self.testType = testType
        self.testDate = testDate
        self.symptomDate = symptomDate
        self.provinceCode = provinceCode
        self.issuedBy = issuedBy
        self.issuedAt = issuedAt
        self.shortExpiresAt = shortExpiresAt
        self.longExpiresAt = longExpiresAt
    }
}

/// A code to store: the hashes of its short and long forms (the codes themselves are never stored).
public struct NewUploadCode: Sendable {
    public var shortCodeHash: Data
    public var longCodeHash: Data
    public var details: UploadCodeDetails

    public init(shortCodeHash: Data, longCodeHash: Data, details: UploadCodeDetails) {
        self.shortCodeHash = shortCodeHash
        self.longCodeHash = longCodeHash
        self.details = details
    }
}

/// A stored upload code and how far it has got.
public struct UploadCodeRecord: Sendable, Equatable {
    public var id: Int64
    public var details: UploadCodeDetails
    public var claimedAt: Date?
    public var usedAt: Date?

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        details = UploadCodeDetails(
            testType: try row.decode(column: "test_type", as: String.self),
            testDate: try row.optionalString("test_date"),
            symptomDate: try row.optionalString("symptom_date"),
            provinceCode: try row.optionalString("province_code"),
            issuedBy: try row.decode(column: "issued_by", as: Int64.self),
            issuedAt: try row.date("issued_at"),
            shortExpiresAt: try row.date("short_expires_at"),
            longExpiresAt: try row.date("long_expires_at")
        )
        claimedAt = try row.optionalInt64("claimed_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }
        usedAt = try row.optionalInt64("used_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    static let columns = [
        "id", "test_type", "test_date", "symptom_date", "province_code", "issued_by", "issued_at", "short_expires_at", "long_expires_at",
        "claimed_at", "used_at",
    ]
}
