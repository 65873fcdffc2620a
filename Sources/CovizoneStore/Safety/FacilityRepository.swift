import FacilitySafety
import Foundation
import SQLKit

/// Facilities on the safety map and what the map reads of them.
public struct FacilityRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Which facilities a listing or the map holds; nil fields match every facility.
    public struct Filter: Sendable, Equatable {
        public var provinceCode: String?
        public var type: FacilityType?
        public var status: SafetyStatus?
        public var managerID: Int64?
        /// The Vietnamese day number statuses are read on.
        public var today: Int

        public init(provinceCode: String? = nil, type: FacilityType? = nil, status: SafetyStatus? = nil, managerID: Int64? = nil, today: Int) {
            self.provinceCode = provinceCode
            self.type = type
            self.status = status
            self.managerID = managerID
            self.today = today
        }
    }

    /// Stores new facilities in one transaction (a registration, or a province officer's import); returns their ids in order.
    public func create(_ facilities: [FacilityDetails], managerID: Int64?, createdBy: Int64, at now: Date) async throws -> [Int64] {
        try await database.transaction { sql in
            var ids: [Int64] = []
            for details in facilities {
                let row = try await sql.insert(into: "safety_facilities")
                    .columns(
                        "name", "type", "province_code", "ward_code", "address", "latitude", "longitude", "contact_phone", "manager_id", "created_by", "created_at"
                    )
                    .values(
                        SQLBind(details.name), SQLBind(details.type.rawValue), SQLBind(details.provinceCode), SQLBind(details.wardCode),
                        SQLBind(details.address), SQLBind(details.latitude), SQLBind(details.longitude), SQLBind(details.contactPhone), SQLBind(managerID),
                        SQLBind(createdBy), SQLBind(now.unixSeconds)
                    )
                    .returning("id").first()
                guard let id = try row?.decode(column: "id", as: Int64.self) else { throw StoreError.notFound("the new facility") }
                ids.append(id)
            }
            return ids
        }
    }

    /// The ward, name and address of every facility of a province, lower-cased, to spot re-imported rows.
    public func registeredAddresses(provinceCode: String) async throws -> Set<String> {
        try await database.withConnection { sql in
            let rows = try await sql.select().columns("ward_code", "name", "address").from("safety_facilities").where("province_code", .equal, provinceCode).all()
            return Set(
                try rows.map { row in
                    VenueRepository.addressKey(
                        wardCode: try row.decode(column: "ward_code", as: String.self), name: try row.decode(column: "name", as: String.self),
                        address: try row.decode(column: "address", as: String.self)
                    )
                }
            )
        }
    }

    public func find(id: Int64) async throws -> FacilityRecord? {
        try await database.withConnection { sql in try await Self.find(id: id, on: sql) }
    }

    static func find(id: Int64, on sql: any SQLDatabase) async throws -> FacilityRecord? {
        try await sql.select().columns(FacilityRecord.columns).from("safety_facilities").where("id", .equal, id).first().map { try FacilityRecord(row: $0) }
    }

    /// Facilities matching `filter`, newest first, older than `beforeID` when given.
    public func list(_ filter: Filter, beforeID: Int64?, limit: Int) async throws -> [FacilityRecord] {
        try await database.withConnection { sql in
            var query = Self.filtered(sql.select().columns(FacilityRecord.columns).from("safety_facilities"), filter)
            if let beforeID { query = query.where("id", .lessThan, beforeID) }
            return try await query.orderBy("id", .descending).limit(limit).all().map { try FacilityRecord(row: $0) }
        }
    }

    /// Every facility matching `filter` as the map draws it, by id.
    public func mapPoints(_ filter: Filter) async throws -> [FacilityMapPoint] {
        try await database.withConnection { sql in
            let columns = ["id", "name", "type", "latitude", "longitude", "latest_score"]
            let rows = try await Self.filtered(sql.select().columns(columns).column(Self.statusExpression(today: filter.today), as: "status").from("safety_facilities"), filter)
                .orderBy("id").all()
            return try rows.map { row in
                FacilityMapPoint(
                    id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
                    type: try row.value("type", as: FacilityType.self), latitude: try row.decode(column: "latitude", as: Double.self),
                    longitude: try row.decode(column: "longitude", as: Double.self), status: try row.value("status", as: SafetyStatus.self),
                    score: try row.decode(column: "latest_score", as: Int64?.self).map(Int.init)
                )
            }
        }
    }

    /// How many facilities of a province stand in one status, and the sums of their coordinates
    /// (the national map puts a province's circle at their mean).
    public struct StatusCount: Sendable, Equatable {
        public var provinceCode: String
        public var status: SafetyStatus
        public var count: Int
        public var latitudeSum: Double
        public var longitudeSum: Double
    }

    /// How many facilities stand in each status, per province, on `filter.today` (one scan).
    public func statusCounts(_ filter: Filter) async throws -> [StatusCount] {
        try await database.withConnection { sql in
            let rows = try await Self.filtered(
                sql.select().column("province_code").column(Self.statusExpression(today: filter.today), as: "status")
                    .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").column(SQLFunction("SUM", args: SQLColumn("latitude")), as: "latitudes")
                    .column(SQLFunction("SUM", args: SQLColumn("longitude")), as: "longitudes").from("safety_facilities"), filter
            )
            .groupBy("province_code").groupBy(SQLRaw("2")).all()
            return try rows.map {
                StatusCount(
                    provinceCode: try $0.decode(column: "province_code", as: String.self), status: try $0.value("status", as: SafetyStatus.self),
                    count: Int(try $0.decode(column: "n", as: Int64.self)), latitudeSum: try $0.decode(column: "latitudes", as: Double.self),
                    longitudeSum: try $0.decode(column: "longitudes", as: Double.self)
                )
            }
        }
    }

    /// Links a facility to its check-in venue (nil unlinks it).
    public func link(id: Int64, venueID: Int64?) async throws {
        try await database.withConnection { sql in
            try await sql.update("safety_facilities").set("venue_id", to: SQLBind(venueID)).where("id", .equal, id).run()
        }
    }

    /// The colour a facility's row stands in on day `today`, as SQL: red while an alert stands,
    /// the latest self-check's status when it was made today, grey otherwise.
    static func statusExpression(today: Int) -> SQLQueryString {
        """
        CASE WHEN alert_since IS NOT NULL THEN 'unsafe' \
        WHEN latest_day = \(literal: today) THEN latest_status ELSE 'not-reported' END
        """
    }

    static func filtered(_ query: SQLSelectBuilder, _ filter: Filter) -> SQLSelectBuilder {
        var query = query
        if let provinceCode = filter.provinceCode { query = query.where("province_code", .equal, provinceCode) }
        if let type = filter.type { query = query.where("type", .equal, type.rawValue) }
        if let managerID = filter.managerID { query = query.where("manager_id", .equal, managerID) }
        if let status = filter.status { query = query.where(statusExpression(today: filter.today), .equal, SQLBind(status.rawValue)) }
        return query
    }
}

extension FacilityRepository {
    /// A facility to remind of its self-check.
    public struct Reminder: Sendable, Equatable {
        public var facilityID: Int64
        public var name: String
        /// E.164.
        public var contactPhone: String
    }

    /// Claims the facilities with no self-check on `today` that were not reminded today yet, at most
    /// `limit`: each is marked reminded in the same statement, so that instances never both remind one.
    public func claimReminders(today: Int, limit: Int) async throws -> [Reminder] {
        try await database.withConnection { sql in
            let due: SQLQueryString = """
                SELECT id FROM safety_facilities WHERE (latest_day IS NULL OR latest_day < \(literal: today)) \
                AND (reminded_day IS NULL OR reminded_day < \(literal: today)) ORDER BY id LIMIT \(literal: limit)
                """
            return try await sql.update("safety_facilities").set("reminded_day", to: today).where(SQLColumn("id"), .in, SQLGroupExpression(due))
                .where(SQLRaw("(reminded_day IS NULL OR reminded_day < \(today))"))
                .returning("id", "name", "contact_phone").all()
                .map {
                    Reminder(
                        facilityID: try $0.decode(column: "id", as: Int64.self), name: try $0.decode(column: "name", as: String.self),
                        contactPhone: try $0.decode(column: "contact_phone", as: String.self)
                    )
                }
        }
    }
}

extension FacilityRepository {
    /// What reporting shares are counted by.
    public enum Grouping: String, Sendable {
        case province = "province_code"
        case type
    }

    /// How many facilities there are and how many self-checked on `today`, per province or per
    /// type (of one province when given).
    public func reportingCounts(today: Int, provinceCode: String?, by grouping: Grouping) async throws -> [(key: String, facilities: Int, reported: Int)] {
        try await database.withConnection { sql in
            var query = sql.select().column(SQLColumn(grouping.rawValue), as: "group_key").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .column(SQLRaw("SUM(CASE WHEN latest_day = \(today) THEN 1 ELSE 0 END)"), as: "reported").from("safety_facilities")
            if let provinceCode { query = query.where("province_code", .equal, provinceCode) }
            return try await query.groupBy(SQLColumn(grouping.rawValue)).orderBy(SQLColumn(grouping.rawValue)).all().map {
                (
                    try $0.decode(column: "group_key", as: String.self), Int(try $0.decode(column: "n", as: Int64.self)),
                    Int(try $0.decode(column: "reported", as: Int64.self))
                )
            }
        }
    }
}

extension FacilityRepository {
    /// Every facility matching `filter` as an RFC 7946 Feature, written by the database: one JSON
    /// text per facility (`[longitude, latitude]`, properties `id, name, type, status, score,
    /// riskLevel, reportedAt` with nulls written out, times in ISO 8601 UTC), by id. A large
    /// province has tens of thousands; concatenating them in the engine (the name quoted by its
    /// JSON function) spares decoding each column, and is twice as fast on PostgreSQL as its
    /// `json_build_object`.
    public func geoJSONFeatures(_ filter: Filter) async throws -> [String] {
        let isPostgres = database.engine == .postgres
        let name = isPostgres ? "to_json(name)::text" : "json_quote(name)"
        let reportedAt = isPostgres
            ? #"to_char(to_timestamp(latest_reported_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"#
            : "strftime('%Y-%m-%dT%H:%M:%SZ', latest_reported_at, 'unixepoch')"
        let status = Self.statusExpression(today: filter.today)
        let feature: SQLQueryString = """
            '{"type":"Feature","id":' || id || ',"geometry":{"type":"Point","coordinates":[' || longitude || ',' || latitude || ']},' \
            || '"properties":{"id":' || id || ',"name":' || \(unsafeRaw: name) || ',"type":"' || type || '","status":"' || (\(status)) || '",' \
            || '"score":' || COALESCE(CAST(latest_score AS TEXT), 'null') || ',"riskLevel":' || COALESCE('"' || latest_risk_level || '"', 'null') \
            || ',"reportedAt":' || COALESCE('"' || \(unsafeRaw: reportedAt) || '"', 'null') || '}}'
            """
        return try await database.withConnection { sql in
            try await Self.filtered(sql.select().column(feature, as: "feature").from("safety_facilities"), filter).orderBy("id").all()
                .map { try $0.decode(column: "feature", as: String.self) }
        }
    }
}
