import Foundation
import SQLKit
import VenueCheckIn

/// A check-in at a venue.
public struct VisitRecord: Sendable, Equatable {
    public var id: Int64
    public var venueID: Int64
    public var phone: String?
    public var deviceID: String?
    public var entryMethod: EntryMethod
    public var checkedInAt: Date
    public var expectedCheckOutAt: Date
    public var checkedOutAt: Date?
    /// Read from a personal QR at a staff-assisted check-in.
    public var personName: String?
    /// The citizen ID or passport number given at a staff-assisted check-in.
    public var idNumber: String?
    /// SHA-256 of the visit's check-out secret: whoever holds the secret may check out or extend it.
    public var tokenHash: Data

    /// When the visit ended, or is taken to end when nobody checked out.
    public var endedAt: Date { checkedOutAt ?? expectedCheckOutAt }

    /// True when this is a visit at `venueID` still under way at `time` (a re-scan then extends it).
    public func isOpen(at venueID: Int64, time: Date) -> Bool {
        self.venueID == venueID && checkedOutAt == nil && checkedInAt <= time && time < expectedCheckOutAt
    }

    static let columns = [
        "id", "venue_id", "phone", "device_id", "entry_method", "checked_in_at", "expected_checkout_at", "checked_out_at", "person_name", "id_number",
        "token_hash",
    ]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        venueID = try row.decode(column: "venue_id", as: Int64.self)
        phone = try row.optionalString("phone")
        deviceID = try row.optionalString("device_id")
        entryMethod = try row.value("entry_method", as: EntryMethod.self)
        checkedInAt = try row.date("checked_in_at")
        expectedCheckOutAt = try row.date("expected_checkout_at")
        checkedOutAt = try row.optionalInt64("checked_out_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }
        personName = try row.optionalString("person_name")
        idNumber = try row.optionalString("id_number")
        tokenHash = try row.decode(column: "token_hash", as: Data.self)
    }
}

/// A check-in to store.
public struct NewVisit: Sendable {
    public var venueID: Int64
    public var provinceCode: String
    public var wardCode: String
    public var phone: String?
    public var deviceID: String?
    public var entryMethod: EntryMethod
    public var checkedInAt: Date
    public var expectedCheckOutAt: Date
    /// SHA-256 of the secret that lets the visitor check out.
    public var tokenHash: Data
    public var personName: String?
    public var idNumber: String?

    public init(
        venueID: Int64, provinceCode: String, wardCode: String, phone: String?, deviceID: String?, entryMethod: EntryMethod, checkedInAt: Date,
        expectedCheckOutAt: Date, tokenHash: Data, personName: String? = nil, idNumber: String? = nil
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
        self.personName = personName
        self.idNumber = idNumber
    }
}

/// Visits: check-in, re-scan, check-out, retention.
public struct VisitRepository: Sendable {
    let database: Database
    /// No visit lasts longer: a later check-out or re-scan is cut to this, which bounds how far
    /// back an overlap query looks.
    public static let longestVisit: TimeInterval = 86_400

    public init(database: Database) {
        self.database = database
    }

    /// The visits of several visitors that began at or after `since`, oldest first: those with one
    /// of `phones`, and those from one of `deviceIDs`. What a batch of check-ins needs for the
    /// flood limit and for finding the visits re-scans extend.
    public func visits(phones: Set<String>, deviceIDs: Set<String>, since: Date) async throws -> [VisitRecord] {
        try await database.withConnection { sql in
            var found: [Int64: VisitRecord] = [:]
            for (column, values) in [("phone", phones), ("device_id", deviceIDs)] where !values.isEmpty {
                let rows = try await sql.select().columns(VisitRecord.columns).from("visits")
                    .where(SQLColumn(column), .in, SQLGroupExpression(values.sorted().map { SQLBind($0) }))
                    .where("checked_in_at", .greaterThanOrEqual, since.unixSeconds).all()
                for row in rows {
                    let visit = try VisitRecord(row: row)
                    found[visit.id] = visit
                }
            }
            return found.values.sorted { ($0.checkedInAt, $0.id) < ($1.checkedInAt, $1.id) }
        }
    }

    /// Stores visits with one statement; returns them in the order given.
    public func create(_ visits: [NewVisit]) async throws -> [VisitRecord] {
        guard !visits.isEmpty else { return [] }
        return try await database.withConnection { sql in
            var insert = sql.insert(into: "visits").columns(
                "venue_id", "province_code", "ward_code", "phone", "device_id", "entry_method", "checked_in_at", "expected_checkout_at",
                "token_hash", "person_name", "id_number"
            )
            for visit in visits {
                insert = insert.values(
                    SQLBind(visit.venueID), SQLBind(visit.provinceCode), SQLBind(visit.wardCode), SQLBind(visit.phone), SQLBind(visit.deviceID),
                    SQLBind(visit.entryMethod.rawValue), SQLBind(visit.checkedInAt.unixSeconds), SQLBind(visit.expectedCheckOutAt.unixSeconds),
                    SQLBind(visit.tokenHash), SQLBind(visit.personName), SQLBind(visit.idNumber)
                )
            }
            // Neither engine promises RETURNING rows in VALUES order: each visit's secret (random,
            // so unique) tells which row is which.
            let rows = try await insert.returning(VisitRecord.columns.map { SQLColumn($0) }).all()
            var stored: [Data: VisitRecord] = [:]
            for row in rows {
                let visit = try VisitRecord(row: row)
                stored[visit.tokenHash] = visit
            }
            return try visits.map { visit in
                guard let record = stored[visit.tokenHash] else { throw StoreError.notFound("a new visit") }
                return record
            }
        }
    }

    /// Moves an open visit's expected end (a re-scan during the stay) and gives it a new check-out secret.
    public func extend(id: Int64, until end: Date, tokenHash: Data) async throws -> VisitRecord? {
        try await database.withConnection { sql in
            try await sql.update("visits").set("expected_checkout_at", to: end.unixSeconds).set("token_hash", to: tokenHash)
                .where("id", .equal, id).returning(VisitRecord.columns.map { SQLColumn($0) }).first().map { try VisitRecord(row: $0) }
        }
    }

    /// Checks a visit out when `tokenHash` is its secret and it is still open (at most
    /// ``longestVisit`` after check-in); nil otherwise.
    public func checkOut(id: Int64, tokenHash: Data, at time: Date) async throws -> VisitRecord? {
        try await database.withConnection { sql in
            let open = try await sql.select().columns(VisitRecord.columns).from("visits").where("id", .equal, id).where("token_hash", .equal, tokenHash)
                .where("checked_out_at", .is, SQLLiteral.null).first().map { try VisitRecord(row: $0) }
            guard let open else { return nil }
            return try await sql.update("visits").set("checked_out_at", to: min(time, open.checkedInAt + Self.longestVisit).unixSeconds)
                .where("id", .equal, id).where("checked_out_at", .is, SQLLiteral.null)
                .returning(VisitRecord.columns.map { SQLColumn($0) }).first().map { try VisitRecord(row: $0) }
        }
    }

    /// A venue's visits, newest first, older than `beforeID` when given.
    public func history(venueID: Int64, beforeID: Int64?, limit: Int) async throws -> [VisitRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns(VisitRecord.columns).from("visits").where("venue_id", .equal, venueID)
            if let beforeID { query = query.where("id", .lessThan, beforeID) }
            return try await query.orderBy("id", .descending).limit(limit).all().map { try VisitRecord(row: $0) }
        }
    }

    /// The visits at `venueID` that overlap `[start, end)` (a visit without check-out lasts until
    /// its expected check-out), in check-in order.
    public func overlapping(venueID: Int64, start: Date, end: Date) async throws -> [VisitRecord] {
        try await database.withConnection { sql in try await Self.overlapping(venueID: venueID, start: start, end: end, on: sql) }
    }

    static func overlapping(venueID: Int64, start: Date, end: Date, on sql: any SQLDatabase) async throws -> [VisitRecord] {
        let ends = SQLFunction("COALESCE", args: SQLColumn("checked_out_at"), SQLColumn("expected_checkout_at"))
        return try await sql.select().columns(VisitRecord.columns).from("visits").where("venue_id", .equal, venueID)
            .where("checked_in_at", .greaterThanOrEqual, (start - longestVisit).unixSeconds).where("checked_in_at", .lessThan, end.unixSeconds)
            .where(ends, .greaterThan, SQLBind(start.unixSeconds))
            .orderBy("checked_in_at").orderBy("id").all().map { try VisitRecord(row: $0) }
    }

    /// Deletes visits that began before `cutoff`; returns how many.
    @discardableResult
    public func deleteOlder(than cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.delete(from: "visits").where("checked_in_at", .lessThan, cutoff.unixSeconds).returning("id").all().count
        }
    }
}
