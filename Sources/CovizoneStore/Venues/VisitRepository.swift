import Foundation
import SQLKit

/// A check-in at a venue.
public struct VisitRecord: Sendable, Equatable {
    public var id: Int64
    public var venueID: Int64
    public var phone: String?
    public var deviceID: String?
    /// `qr-web`, `qr-app` or `staff`.
    public var entryMethod: String
    public var checkedInAt: Date
    public var expectedCheckOutAt: Date
    public var checkedOutAt: Date?

    static let columns = ["id", "venue_id", "phone", "device_id", "entry_method", "checked_in_at", "expected_checkout_at", "checked_out_at"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        venueID = try row.decode(column: "venue_id", as: Int64.self)
        phone = try row.optionalString("phone")
        deviceID = try row.optionalString("device_id")
        entryMethod = try row.decode(column: "entry_method", as: String.self)
        checkedInAt = try row.date("checked_in_at")
        expectedCheckOutAt = try row.date("expected_checkout_at")
        checkedOutAt = try row.optionalInt64("checked_out_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}

/// A check-in to store.
public struct NewVisit: Sendable {
    public var venueID: Int64
    public var provinceCode: String
    public var wardCode: String
    public var phone: String?
    public var deviceID: String?
    public var entryMethod: String
    public var checkedInAt: Date
    public var expectedCheckOutAt: Date
    /// SHA-256 of the secret that lets the visitor check out.
    public var tokenHash: Data

    public init(
        venueID: Int64, provinceCode: String, wardCode: String, phone: String?, deviceID: String?, entryMethod: String, checkedInAt: Date,
        expectedCheckOutAt: Date, tokenHash: Data
    ) {
        self.venueID = venueID
        self.provinceCode = provinceCode
        self.wardCode = wardCode
        self.phone = phone
        self.deviceID = deviceID
        self.entryMethod = entryMethod
        self.checkedInAt = checkedInAt
        self.expectedCheckOutAt = expectedCheckOutAt
        self.tokenHash = tokenHash
    }
}

/// Visits: check-in, re-scan, check-out, retention.
public struct VisitRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The open visit of the same visitor (phone or device) at `venueID` that `time` falls in, if any.
    public func openVisit(venueID: Int64, phone: String?, deviceID: String?, at time: Date) async throws -> VisitRecord? {
        guard phone != nil || deviceID != nil else { return nil }
        return try await database.withConnection { sql in
            var query = sql.select().columns(VisitRecord.columns).from("visits").where("venue_id", .equal, venueID)
                .where("checked_in_at", .lessThanOrEqual, time.unixSeconds).where("expected_checkout_at", .greaterThan, time.unixSeconds)
                .where("checked_out_at", .is, SQLLiteral.null)
            if let phone { query = query.where("phone", .equal, phone) } else if let deviceID { query = query.where("device_id", .equal, deviceID) }
            return try await query.orderBy("id", .descending).first().map { try VisitRecord(row: $0) }
        }
    }

    public func create(_ visit: NewVisit) async throws -> VisitRecord {
        try await database.withConnection { sql in
            let row = try await sql.insert(into: "visits")
                .columns(
                    "venue_id", "province_code", "ward_code", "phone", "device_id", "entry_method", "checked_in_at", "expected_checkout_at",
                    "token_hash"
                )
                .values(
                    SQLBind(visit.venueID), SQLBind(visit.provinceCode), SQLBind(visit.wardCode), SQLBind(visit.phone), SQLBind(visit.deviceID),
                    SQLBind(visit.entryMethod), SQLBind(visit.checkedInAt.unixSeconds), SQLBind(visit.expectedCheckOutAt.unixSeconds),
                    SQLBind(visit.tokenHash)
                )
                .returning(VisitRecord.columns.map { SQLColumn($0) }).first()
            guard let row else { throw StoreError.notFound("the new visit") }
            return try VisitRecord(row: row)
        }
    }

    /// Moves an open visit's expected end (a re-scan during the stay) and gives it a new check-out secret.
    public func extend(id: Int64, until end: Date, tokenHash: Data) async throws -> VisitRecord? {
        try await database.withConnection { sql in
            try await sql.update("visits").set("expected_checkout_at", to: end.unixSeconds).set("token_hash", to: tokenHash)
                .where("id", .equal, id).returning(VisitRecord.columns.map { SQLColumn($0) }).first().map { try VisitRecord(row: $0) }
        }
    }

    /// Checks a visit out when `tokenHash` is its secret and it is still open; nil otherwise.
    public func checkOut(id: Int64, tokenHash: Data, at time: Date) async throws -> VisitRecord? {
        try await database.withConnection { sql in
            try await sql.update("visits").set("checked_out_at", to: time.unixSeconds)
                .where("id", .equal, id).where("token_hash", .equal, tokenHash).where("checked_out_at", .is, SQLLiteral.null)
                .returning(VisitRecord.columns.map { SQLColumn($0) }).first().map { try VisitRecord(row: $0) }
        }
    }

    /// Check-ins by one phone or device since `since` (for the flood limit).
    public func countRecent(phone: String?, deviceID: String?, since: Date) async throws -> Int {
        guard phone != nil || deviceID != nil else { return 0 }
        return try await database.withConnection { sql in
            var query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("visits")
                .where("checked_in_at", .greaterThanOrEqual, since.unixSeconds)
            if let phone { query = query.where("phone", .equal, phone) } else if let deviceID { query = query.where("device_id", .equal, deviceID) }
            return try await query.first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Deletes visits that began before `cutoff`; returns how many.
    @discardableResult
    public func deleteOlder(than cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.delete(from: "visits").where("checked_in_at", .lessThan, cutoff.unixSeconds).returning("id").all().count
        }
    }
}
