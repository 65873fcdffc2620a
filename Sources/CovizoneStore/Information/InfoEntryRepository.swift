import CovizoneCore
import Foundation
import SQLKit

/// Question-and-answer entries and their revisions.
public struct InfoEntryRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a new entry at revision 1; returns it.
    public func create(_ content: InfoEntryContent, actor: String, userID: Int64?, at now: Date) async throws -> InfoEntryRecord {
        try await database.transaction { sql in
            let values = try Self.values(of: content)
            guard let row = try await sql.insert(into: "info_entries")
                .columns(values.map(\.column) + ["revision", "last_revision_id", "created_by", "created_at", "updated_at"])
                .values(values.map(\.value) + [SQLBind(1), SQLBind(0), SQLBind(userID), SQLBind(now.unixSeconds), SQLBind(now.unixSeconds)])
                .returning("id").first()
            else { throw StoreError.notFound("the new entry") }
            let id = try row.decode(column: "id", as: Int64.self)
            return try await Self.record(revision: 1, of: id, content: content, actor: actor, at: now, on: sql)
        }
    }

    /// Replaces the content of entry `id` with a new revision (the entry's row locked meanwhile); nil when there is no such entry.
    public func update(id: Int64, to content: InfoEntryContent, actor: String, at now: Date) async throws -> InfoEntryRecord? {
        let isPostgres = database.engine == .postgres
        return try await database.transaction { sql in
            var current = sql.select().column("revision").from("info_entries").where("id", .equal, id)
            if isPostgres { current = current.lockingClause(SQLRaw("FOR UPDATE")) }
            guard let row = try await current.first() else { return nil }
            let revision = Int(try row.decode(column: "revision", as: Int64.self)) + 1
            var update = sql.update("info_entries").set("revision", to: revision).set("updated_at", to: now.unixSeconds)
            for (column, value) in try Self.values(of: content) { update = update.set(SQLColumn(column), to: value) }
            try await update.where("id", .equal, id).run()
            return try await Self.record(revision: revision, of: id, content: content, actor: actor, at: now, on: sql)
        }
    }

    /// Writes the revision's row, points the entry at it, and returns the entry.
    private static func record(revision: Int, of id: Int64, content: InfoEntryContent, actor: String, at now: Date, on sql: any SQLDatabase) async throws -> InfoEntryRecord {
        guard let row = try await sql.insert(into: "info_entry_revisions").columns("entry_id", "revision", "content", "actor", "at")
            .values(SQLBind(id), SQLBind(revision), SQLBind(try StoredJSON.text(content)), SQLBind(actor), SQLBind(now.unixSeconds))
            .returning("id").first()
        else { throw StoreError.notFound("the new revision") }
        let revisionID = try row.decode(column: "id", as: Int64.self)
        guard let stored = try await sql.update("info_entries").set("last_revision_id", to: revisionID).where("id", .equal, id)
            .returning(InfoEntryRecord.columns.map { SQLColumn($0) }).first()
        else { throw StoreError.notFound("entry \(id)") }
        return try InfoEntryRecord(row: stored)
    }

    /// The columns that hold `content`.
    private static func values(of content: InfoEntryContent) throws -> [(column: String, value: SQLBind)] {
        [
            ("question", SQLBind(try StoredJSON.text(content.question))), ("answer", SQLBind(try StoredJSON.text(content.answer))),
            ("short_answer", SQLBind(try content.shortAnswer.map(StoredJSON.text))), ("topics", SQLBind(try StoredJSON.text(content.topics))),
            ("province_code", SQLBind(content.provinceCode)), ("source", SQLBind(content.source)), ("valid_from", SQLBind(content.validFrom?.unixSeconds)),
            ("valid_until", SQLBind(content.validUntil?.unixSeconds)), ("published", SQLBind(content.published ? 1 : 0)),
        ]
    }

    public func find(id: Int64) async throws -> InfoEntryRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(InfoEntryRecord.columns).from("info_entries").where("id", .equal, id).first().map { try InfoEntryRecord(row: $0) }
        }
    }

    /// The entries of `ids` (those that exist), by id.
    public func entries(ids: [Int64]) async throws -> [Int64: InfoEntryRecord] {
        guard !ids.isEmpty else { return [:] }
        return try await database.withConnection { sql in
            let rows = try await sql.select().columns(InfoEntryRecord.columns).from("info_entries").where("id", .in, ids).all()
            return Dictionary(uniqueKeysWithValues: try rows.map { let entry = try InfoEntryRecord(row: $0); return (entry.id, entry) })
        }
    }

    /// Entries by id, newest first: national ones and those of `provinces` (every entry when nil), before `beforeID` when given.
    public func list(provinces: [String]?, beforeID: Int64?, limit: Int) async throws -> [InfoEntryRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns(InfoEntryRecord.columns).from("info_entries")
            if let provinces {
                query = query.where { group in group.where("province_code", .is, SQLLiteral.null).orWhere("province_code", .in, provinces) }
            }
            if let beforeID { query = query.where("id", .lessThan, beforeID) }
            return try await query.orderBy("id", .descending).limit(limit).all().map { try InfoEntryRecord(row: $0) }
        }
    }

    /// The entries changed after revision row `afterRevisionID`, by that row's id; at most `limit`.
    public func changed(afterRevisionID: Int64, limit: Int) async throws -> [InfoEntryRecord] {
        try await database.withConnection { sql in
            try await sql.select().columns(InfoEntryRecord.columns).from("info_entries").where("last_revision_id", .greaterThan, afterRevisionID)
                .orderBy("last_revision_id").limit(limit).all().map { try InfoEntryRecord(row: $0) }
        }
    }

    /// The newest revision row's id (0 with none): compared by instances before each search.
    public func latestRevisionID() async throws -> Int64 {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("max", args: SQLColumn("last_revision_id")), as: "latest").from("info_entries").first()
                .flatMap { try $0.decodeNil(column: "latest") ? nil : $0.decode(column: "latest", as: Int64.self) } ?? 0
        }
    }

    /// Every revision of an entry, oldest first.
    public func revisions(of id: Int64) async throws -> [InfoEntryRevision] {
        try await database.withConnection { sql in
            try await sql.select().columns("revision", "content", "actor", "at").from("info_entry_revisions").where("entry_id", .equal, id).orderBy("revision").all()
                .map { row in
                    InfoEntryRevision(
                        revision: Int(try row.decode(column: "revision", as: Int64.self)),
                        content: try JSONDecoder.stored.decode(InfoEntryContent.self, from: Data(try row.decode(column: "content", as: String.self).utf8)),
                        actor: try row.decode(column: "actor", as: String.self), at: try row.date("at")
                    )
                }
        }
    }
}

extension JSONDecoder {
    /// Reads what ``StoredJSON`` wrote (dates as Unix seconds).
    static var stored: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}
