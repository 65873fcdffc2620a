import Foundation
import SQLKit

/// A batch window that has been cut, with what went into it.
public struct ExportBatchRecord: Sendable, Equatable {
    public var id: Int64
    public var region: String
    public var start: Date
    public var end: Date
    public var keyCount: Int
    public var revisedKeyCount: Int
    public var fileCount: Int
    public var createdAt: Date
}

/// One export file to store.
public struct NewExportFile: Sendable {
    public var name: String
    public var batchNumber: Int
    public var keyCount: Int
    public var content: Data

    public init(name: String, batchNumber: Int, keyCount: Int, content: Data) {
        self.name = name
        self.batchNumber = batchNumber
        self.keyCount = keyCount
        self.content = content
    }
}

/// Export batches and their signed files, served to phones and kept 14 days.
public struct ExportRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Where the last cut batch of `region` ended.
    public func lastBatchEnd(region: String) async throws -> Date? {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("MAX", args: SQLColumn("end_at")), as: "last").from("exposure_export_batches")
                .where("region", .equal, region).first()?.optionalInt64("last").map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
    }

    /// Records a cut batch and its files in one transaction; false when another instance cut the
    /// same window first (nothing is stored then).
    public func saveBatch(
        region: String, start: Date, end: Date, keyCount: Int, revisedKeyCount: Int, files: [NewExportFile], now: Date
    ) async throws -> Bool {
        try await database.transaction { sql in
            guard
                let batch = try await sql.insert(into: "exposure_export_batches")
                    .columns("region", "start_at", "end_at", "key_count", "revised_key_count", "created_at")
                    .values(
                        SQLBind(region), SQLBind(start.unixSeconds), SQLBind(end.unixSeconds), SQLBind(keyCount), SQLBind(revisedKeyCount),
                        SQLBind(now.unixSeconds)
                    )
                    .ignoringConflicts().returning("id").first()
            else { return false }
            let batchID = try batch.decode(column: "id", as: Int64.self)
            for file in files {
                try await sql.insert(into: "exposure_export_files")
                    .columns("batch_id", "region", "name", "batch_number", "key_count", "content", "created_at")
                    .values(
                        SQLBind(batchID), SQLBind(region), SQLBind(file.name), SQLBind(file.batchNumber), SQLBind(file.keyCount),
                        SQLBind(file.content), SQLBind(now.unixSeconds)
                    )
                    .run()
            }
            return true
        }
    }

    /// Names of `region`'s files, oldest batch first.
    public func fileNames(region: String) async throws -> [String] {
        try await database.withConnection { sql in
            try await sql.select().column("name").from("exposure_export_files").where("region", .equal, region)
                .orderBy("batch_id").orderBy("batch_number").all().map { try $0.decode(column: "name", as: String.self) }
        }
    }

    /// The bytes of one file of `region`.
    public func file(region: String, name: String) async throws -> Data? {
        try await database.withConnection { sql in
            try await sql.select().column("content").from("exposure_export_files").where("region", .equal, region)
                .where("name", .equal, name).first()?.decode(column: "content", as: Data.self)
        }
    }

    /// The latest batches of `region`, newest first.
    public func batches(region: String, limit: Int) async throws -> [ExportBatchRecord] {
        try await database.withConnection { sql in
            let rows = try await sql.select().columns("id", "region", "start_at", "end_at", "key_count", "revised_key_count", "created_at")
                .column(
                    SQLSubquery.select { $0.column(SQLFunction("COUNT", args: SQLLiteral.all)).from("exposure_export_files")
                        .where(SQLColumn("batch_id", table: "exposure_export_files"), .equal, SQLColumn("id", table: "exposure_export_batches")) },
                    as: "file_count"
                )
                .from("exposure_export_batches").where("region", .equal, region).orderBy("start_at", .descending).limit(limit).all()
            return try rows.map { row in
                ExportBatchRecord(
                    id: try row.decode(column: "id", as: Int64.self), region: try row.decode(column: "region", as: String.self),
                    start: try row.date("start_at"), end: try row.date("end_at"), keyCount: try row.decode(column: "key_count", as: Int.self),
                    revisedKeyCount: try row.decode(column: "revised_key_count", as: Int.self),
                    fileCount: try row.decode(column: "file_count", as: Int.self), createdAt: try row.date("created_at")
                )
            }
        }
    }

    /// Deletes batches (and their files) whose window ended before `cutoff`; returns how many files went.
    @discardableResult
    public func deleteBatches(endedBefore cutoff: Date) async throws -> Int {
        try await database.transaction { sql in
            let old = SQLSubquery.select { $0.column("id").from("exposure_export_batches").where("end_at", .lessThan, cutoff.unixSeconds) }
            let files = try await sql.delete(from: "exposure_export_files").where("batch_id", .in, old).returning("id").all().count
            try await sql.delete(from: "exposure_export_batches").where("end_at", .lessThan, cutoff.unixSeconds).run()
            return files
        }
    }
}
