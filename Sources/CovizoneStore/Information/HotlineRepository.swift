import Foundation
import OfficialInformation
import SQLKit

/// A number citizens call: the Ministry of Health's (national) or a province's.
public struct HotlineRecord: Sendable, Equatable {
    public var id: Int64
    public var name: BilingualText
    public var number: String
    public var provinceCode: String?
    /// True when calls cost the caller nothing.
    public var free: Bool
    public var hours: String

    static let columns = ["id", "name", "number", "province_code", "free", "hours"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        name = try JSONDecoder().decode(BilingualText.self, from: Data(try row.decode(column: "name", as: String.self).utf8))
        number = try row.decode(column: "number", as: String.self)
        provinceCode = try row.optionalString("province_code")
        free = try row.decode(column: "free", as: Int64.self) != 0
        hours = try row.decode(column: "hours", as: String.self)
    }
}

/// The hotline directory.
public struct HotlineRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func add(name: BilingualText, number: String, provinceCode: String?, free: Bool, hours: String, at now: Date) async throws -> HotlineRecord {
        try await database.withConnection { sql in
            guard let row = try await sql.insert(into: "info_hotlines").columns("name", "number", "province_code", "free", "hours", "created_at")
                .values(SQLBind(try StoredJSON.text(name)), SQLBind(number), SQLBind(provinceCode), SQLBind(free ? 1 : 0), SQLBind(hours), SQLBind(now.unixSeconds))
                .returning(HotlineRecord.columns.map { SQLColumn($0) }).first()
            else { throw StoreError.notFound("the new hotline") }
            return try HotlineRecord(row: row)
        }
    }

    /// Adds `national` (name, number; free, day and night) when the directory holds no national
    /// hotline: on every start, from several instances at once (the table locked on PostgreSQL).
    public func ensureNational(_ national: [(name: BilingualText, number: String)], at now: Date) async throws {
        let isPostgres = database.engine == .postgres
        try await database.transaction { sql in
            if isPostgres { try await sql.raw("LOCK TABLE info_hotlines IN SHARE ROW EXCLUSIVE MODE").run() }
            guard try await sql.select().column("id").from("info_hotlines").where("province_code", .is, SQLLiteral.null).limit(1).first() == nil else { return }
            for hotline in national {
                try await sql.insert(into: "info_hotlines").columns("name", "number", "province_code", "free", "hours", "created_at")
                    .values(SQLBind(try StoredJSON.text(hotline.name)), SQLBind(hotline.number), SQLBind(String?.none), SQLBind(1), SQLBind("24/7"), SQLBind(now.unixSeconds))
                    .run()
            }
        }
    }

    /// The national hotlines, then those of `province` (of every province when nil), each by id.
    public func list(province: String?) async throws -> [HotlineRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns(HotlineRecord.columns).from("info_hotlines")
            if let province { query = query.where { $0.where("province_code", .is, SQLLiteral.null).orWhere("province_code", .equal, province) } }
            return try await query.orderBy("id").limit(500).all().map { try HotlineRecord(row: $0) }
                .sorted { ($0.provinceCode == nil ? 0 : 1, $0.id) < ($1.provinceCode == nil ? 0 : 1, $1.id) }
        }
    }

    /// Removes hotline `id`; false when there was none.
    public func remove(id: Int64) async throws -> Bool {
        try await database.withConnection { sql in
            try await sql.delete(from: "info_hotlines").where("id", .equal, id).returning("id").all().count == 1
        }
    }

    public func find(id: Int64) async throws -> HotlineRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(HotlineRecord.columns).from("info_hotlines").where("id", .equal, id).first().map { try HotlineRecord(row: $0) }
        }
    }
}
