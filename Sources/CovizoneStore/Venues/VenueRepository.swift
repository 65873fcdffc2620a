import Foundation
import SQLKit

/// Venues and their approval.
public struct VenueRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a new venue; approved at once when `approvedBy` is given.
    public func create(_ details: VenueDetails, ownerID: Int64?, approvedBy: Int64?, at now: Date) async throws -> VenueRecord {
        try await database.withConnection { sql in
            let row = try await sql.insert(into: "venues")
                .columns(
                    "owner_id", "name", "type", "province_code", "ward_code", "address", "latitude", "longitude", "contact_phone", "status",
                    "created_at", "approved_by", "approved_at"
                )
                .values(
                    SQLBind(ownerID), SQLBind(details.name), SQLBind(details.type.rawValue), SQLBind(details.provinceCode), SQLBind(details.wardCode),
                    SQLBind(details.address), SQLBind(details.latitude), SQLBind(details.longitude), SQLBind(details.contactPhone),
                    SQLBind((approvedBy == nil ? VenueStatus.pending : .approved).rawValue), SQLBind(now.unixSeconds), SQLBind(approvedBy),
                    SQLBind(approvedBy.map { _ in now.unixSeconds })
                )
                .returning(VenueRecord.columns.map { SQLColumn($0) })
                .first()
            guard let row else { throw StoreError.notFound("the new venue") }
            return try VenueRecord(row: row)
        }
    }

    /// Stores approved venues in one transaction (a province officer's import); returns their ids in order.
    public func createApproved(_ venues: [VenueDetails], by officerID: Int64, at now: Date) async throws -> [Int64] {
        try await database.transaction { sql in
            var ids: [Int64] = []
            for details in venues {
                let row = try await sql.insert(into: "venues")
                    .columns(
                        "name", "type", "province_code", "ward_code", "address", "latitude", "longitude", "contact_phone", "status",
                        "created_at", "approved_by", "approved_at"
                    )
                    .values(
                        SQLBind(details.name), SQLBind(details.type.rawValue), SQLBind(details.provinceCode), SQLBind(details.wardCode),
                        SQLBind(details.address), SQLBind(details.latitude), SQLBind(details.longitude), SQLBind(details.contactPhone),
                        SQLBind(VenueStatus.approved.rawValue), SQLBind(now.unixSeconds), SQLBind(officerID), SQLBind(now.unixSeconds)
                    )
                    .returning("id").first()
                ids.append(try row?.decode(column: "id", as: Int64.self) ?? 0)
            }
            return ids
        }
    }

    /// The ward, name and address of every venue of a province, lower-cased, to spot re-imported rows.
    public func registeredAddresses(provinceCode: String) async throws -> Set<String> {
        try await database.withConnection { sql in
            let rows = try await sql.select().columns("ward_code", "name", "address").from("venues").where("province_code", .equal, provinceCode).all()
            return Set(
                try rows.map { row in
                    Self.addressKey(
                        wardCode: try row.decode(column: "ward_code", as: String.self), name: try row.decode(column: "name", as: String.self),
                        address: try row.decode(column: "address", as: String.self)
                    )
                }
            )
        }
    }

    /// How `registeredAddresses` names a venue.
    public static func addressKey(wardCode: String, name: String, address: String) -> String {
        "\(wardCode)|\(name.lowercased())|\(address.lowercased())"
    }

    public func find(id: Int64) async throws -> VenueRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(VenueRecord.columns).from("venues").where("id", .equal, id).first().map { try VenueRecord(row: $0) }
        }
    }

    /// Venues newest first, of one owner and/or one province (or all), older than `beforeID` when given.
    public func list(ownerID: Int64?, provinceCode: String?, beforeID: Int64?, limit: Int) async throws -> [VenueRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns(VenueRecord.columns).from("venues")
            if let ownerID { query = query.where("owner_id", .equal, ownerID) }
            if let provinceCode { query = query.where("province_code", .equal, provinceCode) }
            if let beforeID { query = query.where("id", .lessThan, beforeID) }
            return try await query.orderBy("id", .descending).limit(limit).all().map { try VenueRecord(row: $0) }
        }
    }

    /// Approves a pending venue; returns it, or nil when it was not pending.
    public func approve(id: Int64, by userID: Int64, at now: Date) async throws -> VenueRecord? {
        try await database.withConnection { sql in
            try await sql.update("venues").set("status", to: VenueStatus.approved.rawValue).set("approved_by", to: userID)
                .set("approved_at", to: now.unixSeconds)
                .where("id", .equal, id).where("status", .equal, VenueStatus.pending.rawValue)
                .returning(VenueRecord.columns.map { SQLColumn($0) })
                .first().map { try VenueRecord(row: $0) }
        }
    }
}
