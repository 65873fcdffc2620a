import CommunicationReporting
import Foundation
import SQLKit

/// A stored organisation unit.
public struct OrgUnitRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var kind: OrgUnitKind
    public var parentID: Int64?
    public var path: OrgUnitPath
    /// The province the unit belongs to (nil for the ministry).
    public var provinceCode: String?
    public var createdAt: Date

    static let columns = ["id", "name", "kind", "parent_id", "path", "province_code", "created_at"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        name = try row.decode(column: "name", as: String.self)
        kind = try row.value("kind", as: OrgUnitKind.self)
        parentID = try row.optionalInt64("parent_id")
        let text = try row.decode(column: "path", as: String.self)
        guard let path = OrgUnitPath(text) else { throw StoreError.corrupt("org unit \(id) has path \(text)") }
        self.path = path
        provinceCode = try row.optionalString("province_code")
        createdAt = try row.date("created_at")
    }
}

/// The reporting tree: the system's units (the ministry and the provinces) and those officers add.
public struct OrgUnitRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Adds a unit under `parent` (nil: a root), with its path, in one transaction.
    public func create(name: String, kind: OrgUnitKind, parent: OrgUnitRecord?, provinceCode: String?, createdBy: Int64?, at now: Date) async throws -> OrgUnitRecord {
        try await database.transaction { sql in
            try await Self.insert(name: name, kind: kind, parent: parent, provinceCode: provinceCode, createdBy: createdBy, at: now, on: sql)
        }
    }

    private static func insert(
        name: String, kind: OrgUnitKind, parent: OrgUnitRecord?, provinceCode: String?, createdBy: Int64?, at now: Date, on sql: any SQLDatabase
    ) async throws -> OrgUnitRecord {
        guard let row = try await sql.insert(into: "reporting_org_units").columns("name", "kind", "parent_id", "province_code", "created_by", "created_at")
            .values(SQLBind(name), SQLBind(kind.rawValue), SQLBind(parent?.id), SQLBind(provinceCode), SQLBind(createdBy), SQLBind(now.unixSeconds))
            .returning("id").first()
        else { throw StoreError.notFound("the new org unit") }
        let id = try row.decode(column: "id", as: Int64.self)
        let path = parent?.path.child(id) ?? OrgUnitPath(ids: [id])
        guard let stored = try await sql.update("reporting_org_units").set("path", to: path.description).where("id", .equal, id)
            .returning(OrgUnitRecord.columns.map { SQLColumn($0) }).first()
        else { throw StoreError.notFound("org unit \(id)") }
        return try OrgUnitRecord(row: stored)
    }

    /// Makes the ministry and every province of `provinces` (code, name) that is missing; safe to
    /// run on every start and from several instances (one transaction, the write lock or a retry).
    public func ensureSystemUnits(ministryName: String, provinces: [(code: String, name: String)], at now: Date) async throws {
        try await database.transaction { sql in
            var ministry = try await sql.select().columns(OrgUnitRecord.columns).from("reporting_org_units").where("kind", .equal, OrgUnitKind.ministry.rawValue)
                .first().map { try OrgUnitRecord(row: $0) }
            if ministry == nil {
                ministry = try await Self.insert(name: ministryName, kind: .ministry, parent: nil, provinceCode: nil, createdBy: nil, at: now, on: sql)
            }
            let existing = Set(
                try await sql.select().column("province_code").from("reporting_org_units").where("kind", .equal, OrgUnitKind.province.rawValue).all()
                    .map { try $0.decode(column: "province_code", as: String.self) }
            )
            for province in provinces where !existing.contains(province.code) {
                _ = try await Self.insert(name: province.name, kind: .province, parent: ministry, provinceCode: province.code, createdBy: nil, at: now, on: sql)
            }
        }
    }

    public func find(id: Int64) async throws -> OrgUnitRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(OrgUnitRecord.columns).from("reporting_org_units").where("id", .equal, id).first().map { try OrgUnitRecord(row: $0) }
        }
    }

    /// The units of `ids`, in that order (those that exist).
    public func units(ids: [Int64]) async throws -> [OrgUnitRecord] {
        guard !ids.isEmpty else { return [] }
        let found = try await database.withConnection { sql in
            try await sql.select().columns(OrgUnitRecord.columns).from("reporting_org_units").where("id", .in, ids).all().map { try OrgUnitRecord(row: $0) }
        }
        let byID = Dictionary(uniqueKeysWithValues: found.map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    /// The province's own unit.
    public func province(code: String) async throws -> OrgUnitRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(OrgUnitRecord.columns).from("reporting_org_units").where("kind", .equal, OrgUnitKind.province.rawValue)
                .where("province_code", .equal, code).first().map { try OrgUnitRecord(row: $0) }
        }
    }

    /// The children of `parentID` (the roots when nil), by id, after `afterID` when given.
    public func children(of parentID: Int64?, afterID: Int64?, limit: Int) async throws -> [OrgUnitRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns(OrgUnitRecord.columns).from("reporting_org_units")
            query = parentID.map { query.where("parent_id", .equal, $0) } ?? query.where("parent_id", .is, SQLLiteral.null)
            if let afterID { query = query.where("id", .greaterThan, afterID) }
            return try await query.orderBy("id").limit(limit).all().map { try OrgUnitRecord(row: $0) }
        }
    }
}
