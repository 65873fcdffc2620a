import CovizoneCore
import Foundation
import OfficialInformation
import SQLKit

/// The directory of testing and vaccination sites, hospitals, isolation facilities and pharmacies.
public struct HealthFacilityRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Which facilities a look-up lists; nil fields match every facility.
    public struct Filter: Sendable, Equatable {
        public var provinceCode: String?
        public var wardCode: String?
        public var service: HealthService?
        /// Words that must begin words of the name or address (diacritics ignored).
        public var text: String?

        public init(provinceCode: String? = nil, wardCode: String? = nil, service: HealthService? = nil, text: String? = nil) {
            self.provinceCode = provinceCode
            self.wardCode = wardCode
            self.service = service
            self.text = text
        }
    }

    /// Stores new facilities in one transaction; returns them in order.
    public func create(_ facilities: [HealthFacilityDetails], accountID: Int64?, actor: String, at now: Date) async throws -> [HealthFacilityRecord] {
        try await database.transaction { sql in
            var created: [HealthFacilityRecord] = []
            for details in facilities {
                let values = try Self.values(of: details)
                guard let row = try await sql.insert(into: "info_facilities")
                    .columns(values.map(\.column) + ["account_id", "created_at", "updated_at", "updated_by"])
                    .values(values.map(\.value) + [SQLBind(accountID), SQLBind(now.unixSeconds), SQLBind(now.unixSeconds), SQLBind(actor)])
                    .returning(HealthFacilityRecord.columns.map { SQLColumn($0) }).first()
                else { throw StoreError.notFound("the new facility") }
                created.append(try HealthFacilityRecord(row: row))
            }
            return created
        }
    }

    /// Replaces what facility `id` says (and its account when given); nil when there is no such facility.
    public func update(id: Int64, to details: HealthFacilityDetails, accountID: Int64?, actor: String, at now: Date) async throws -> HealthFacilityRecord? {
        try await database.withConnection { sql in
            var update = sql.update("info_facilities").set("updated_at", to: now.unixSeconds).set("updated_by", to: actor).set("account_id", to: SQLBind(accountID))
            for (column, value) in try Self.values(of: details) { update = update.set(SQLColumn(column), to: value) }
            return try await update.where("id", .equal, id).returning(HealthFacilityRecord.columns.map { SQLColumn($0) }).first()
                .map { try HealthFacilityRecord(row: $0) }
        }
    }

    private static func values(of details: HealthFacilityDetails) throws -> [(column: String, value: SQLBind)] {
        [
            ("name", SQLBind(details.name)), ("services", SQLBind(HealthService.bits(of: details.services))), ("province_code", SQLBind(details.provinceCode)),
            ("ward_code", SQLBind(details.wardCode)), ("address", SQLBind(details.address)), ("latitude", SQLBind(details.latitude)),
            ("longitude", SQLBind(details.longitude)), ("phone", SQLBind(details.phone)), ("hours", SQLBind(details.hours)),
            ("capacity", SQLBind(try details.capacity.map(StoredJSON.text))), ("folded", SQLBind(details.folded)),
        ]
    }

    public func find(id: Int64) async throws -> HealthFacilityRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(HealthFacilityRecord.columns).from("info_facilities").where("id", .equal, id).first().map { try HealthFacilityRecord(row: $0) }
        }
    }

    /// The facilities matching `filter`, by id, after `afterID` when given.
    public func list(_ filter: Filter, afterID: Int64?, limit: Int) async throws -> [HealthFacilityRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns(HealthFacilityRecord.columns).from("info_facilities")
            if let province = filter.provinceCode { query = query.where("province_code", .equal, province) }
            if let ward = filter.wardCode { query = query.where("ward_code", .equal, ward) }
            if let service = filter.service { query = query.where(SQLQueryString("(services & \(bind: service.bit)) <> 0")) }
            for term in SearchText.terms(filter.text ?? "").prefix(8) { query = query.where("folded", .like, "% \(term)%") }
            if let afterID { query = query.where("id", .greaterThan, afterID) }
            return try await query.orderBy("id").limit(limit).all().map { try HealthFacilityRecord(row: $0) }
        }
    }

    /// The `limit` facilities offering `service` (any when nil) nearest to `point`, nearest first,
    /// with their great-circle distance: boxes around the point, growing until they hold enough.
    public func nearest(to point: GeoPoint, service: HealthService?, limit: Int) async throws -> [(facility: HealthFacilityRecord, distanceKm: Double)] {
        var radius = 2.0
        while true {
            let box = point.box(radiusKm: radius)
            let found = try await database.withConnection { sql in
                var query = sql.select().columns(HealthFacilityRecord.columns).from("info_facilities")
                    .where("latitude", .greaterThanOrEqual, box.latitudes.lowerBound).where("latitude", .lessThanOrEqual, box.latitudes.upperBound)
                    .where("longitude", .greaterThanOrEqual, box.longitudes.lowerBound).where("longitude", .lessThanOrEqual, box.longitudes.upperBound)
                if let service { query = query.where(SQLQueryString("(services & \(bind: service.bit)) <> 0")) }
                return try await query.all().map { try HealthFacilityRecord(row: $0) }
            }
            let within = found.compactMap { facility in facility.position.map { (facility, point.distanceKm(to: $0)) } }
                .filter { $0.1 <= radius }.sorted { ($0.1, $0.0.id) < ($1.1, $1.0.id) }
            if within.count >= limit || radius >= GeoPoint.earthRadiusKm * .pi {
                return Array(within.prefix(limit))
            }
            radius *= 4
        }
    }

    /// The ward, name and address of every facility of a province (as ``VenueRepository/addressKey(wardCode:name:address:)``), to spot re-imported rows.
    public func registeredAddresses(provinceCode: String) async throws -> Set<String> {
        try await database.withConnection { sql in
            let rows = try await sql.select().columns("ward_code", "name", "address").from("info_facilities").where("province_code", .equal, provinceCode).all()
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

    /// The facility kept by account `accountID`.
    public func facility(ofAccount accountID: Int64) async throws -> HealthFacilityRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(HealthFacilityRecord.columns).from("info_facilities").where("account_id", .equal, accountID).orderBy("id").first()
                .map { try HealthFacilityRecord(row: $0) }
        }
    }
}
