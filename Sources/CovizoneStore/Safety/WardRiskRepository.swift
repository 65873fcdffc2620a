import FacilitySafety
import Foundation
import SQLKit

/// A ward's risk level as its province's health authority last set it.
public struct WardRiskRecord: Sendable, Equatable {
    public var wardCode: String
    public var provinceCode: String
    public var level: WardRiskLevel
    public var note: String
    public var setBy: Int64
    public var setAt: Date
}

/// The locality risk map: one level per ward, replaced when set again (the audit log keeps the history).
public struct WardRiskRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Sets a ward's level; returns what is stored.
    public func set(wardCode: String, provinceCode: String, level: WardRiskLevel, note: String, by userID: Int64, at now: Date) async throws -> WardRiskRecord {
        try await database.withConnection { sql in
            try await sql.insert(into: "safety_ward_risk_levels").columns("ward_code", "province_code", "level", "note", "set_by", "set_at")
                .values(SQLBind(wardCode), SQLBind(provinceCode), SQLBind(level.rawValue), SQLBind(note), SQLBind(userID), SQLBind(now.unixSeconds))
                .onConflict(with: ["ward_code"]) { conflict in
                    conflict.set(excludedValueOf: "level").set(excludedValueOf: "note").set(excludedValueOf: "set_by").set(excludedValueOf: "set_at")
                }
                .run()
            return WardRiskRecord(wardCode: wardCode, provinceCode: provinceCode, level: level, note: note, setBy: userID, setAt: now)
        }
    }

    /// The levels set in a province (or everywhere), by ward code.
    public func levels(provinceCode: String?) async throws -> [WardRiskRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns("ward_code", "province_code", "level", "note", "set_by", "set_at").from("safety_ward_risk_levels")
            if let provinceCode { query = query.where("province_code", .equal, provinceCode) }
            return try await query.orderBy("ward_code").all().map { row in
                WardRiskRecord(
                    wardCode: try row.decode(column: "ward_code", as: String.self), provinceCode: try row.decode(column: "province_code", as: String.self),
                    level: try row.value("level", as: WardRiskLevel.self), note: try row.decode(column: "note", as: String.self),
                    setBy: try row.decode(column: "set_by", as: Int64.self), setAt: try row.date("set_at")
                )
            }
        }
    }
}
