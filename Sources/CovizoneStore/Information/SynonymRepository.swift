import Foundation
import SQLKit

/// The officers' synonym groups: each save is a new row, the newest counts (the older rows are the history).
public struct SynonymRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The groups in force, and the id of their row (0 and none before any save).
    public struct Saved: Sendable, Equatable {
        public var id: Int64
        public var groups: [[String]]
        public var updatedAt: Date?
    }

    public func save(_ groups: [[String]], by userID: Int64?, at now: Date) async throws -> Saved {
        try await database.withConnection { sql in
            guard let row = try await sql.insert(into: "info_synonyms").columns("groups", "updated_by", "updated_at")
                .values(SQLBind(try StoredJSON.text(groups)), SQLBind(userID), SQLBind(now.unixSeconds)).returning("id").first()
            else { throw StoreError.notFound("the new synonyms") }
            return Saved(id: try row.decode(column: "id", as: Int64.self), groups: groups, updatedAt: now)
        }
    }

    public func latest() async throws -> Saved {
        try await database.withConnection { sql in
            guard let row = try await sql.select().columns("id", "groups", "updated_at").from("info_synonyms").orderBy("id", .descending).limit(1).first()
            else { return Saved(id: 0, groups: [], updatedAt: nil) }
            return Saved(
                id: try row.decode(column: "id", as: Int64.self),
                groups: try JSONDecoder().decode([[String]].self, from: Data(try row.decode(column: "groups", as: String.self).utf8)),
                updatedAt: try row.date("updated_at")
            )
        }
    }

    /// The id of the groups in force (0 before any save): compared before each search.
    public func latestID() async throws -> Int64 {
        try await database.withConnection { sql in
            try await sql.select().column("id").from("info_synonyms").orderBy("id", .descending).limit(1).first()?.decode(column: "id", as: Int64.self) ?? 0
        }
    }
}
