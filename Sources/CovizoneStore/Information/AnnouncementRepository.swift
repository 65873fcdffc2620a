import Foundation
import OfficialInformation
import SQLKit

/// What an announcement says.
public struct AnnouncementContent: Codable, Sendable, Equatable {
    public enum Priority: String, Codable, Sendable, CaseIterable {
        case normal
        case high
        case urgent
    }

    public var title: BilingualText
    public var body: BilingualText
    /// nil: the whole country.
    public var provinceCode: String?
    public var priority: Priority
    public var tags: [String]
    public var validUntil: Date?

    public init(title: BilingualText, body: BilingualText, provinceCode: String?, priority: Priority, tags: [String], validUntil: Date?) {
        self.title = title
        self.body = body
        self.provinceCode = provinceCode
        self.priority = priority
        self.tags = tags
        self.validUntil = validUntil
    }
}

/// A stored announcement.
public struct AnnouncementRecord: Sendable, Equatable {
    public var id: Int64
    public var content: AnnouncementContent
    public var publishedAt: Date
    public var updatedAt: Date
}

/// Announcements and their tags.
public struct AnnouncementRepository: Sendable {
    let database: Database
    static let columns = ["id", "title", "body", "province_code", "priority", "valid_until", "published_at", "updated_at"]

    public init(database: Database) {
        self.database = database
    }

    /// Which announcements a list holds.
    public struct Filter: Sendable, Equatable {
        /// National ones and those of this province (every one when nil).
        public var provinceCode: String?
        public var tag: String?
        /// Only those still valid at this time (every one when nil).
        public var currentAt: Date?

        public init(provinceCode: String? = nil, tag: String? = nil, currentAt: Date? = nil) {
            self.provinceCode = provinceCode
            self.tag = tag
            self.currentAt = currentAt
        }
    }

    public func create(_ content: AnnouncementContent, by userID: Int64?, at now: Date) async throws -> AnnouncementRecord {
        try await database.transaction { sql in
            guard let row = try await sql.insert(into: "info_announcements")
                .columns("title", "body", "province_code", "priority", "valid_until", "published_at", "updated_at", "created_by")
                .values(
                    SQLBind(try StoredJSON.text(content.title)), SQLBind(try StoredJSON.text(content.body)), SQLBind(content.provinceCode),
                    SQLBind(content.priority.rawValue), SQLBind(content.validUntil?.unixSeconds), SQLBind(now.unixSeconds), SQLBind(now.unixSeconds), SQLBind(userID)
                )
                .returning("id").first()
            else { throw StoreError.notFound("the new announcement") }
            let id = try row.decode(column: "id", as: Int64.self)
            for tag in content.tags {
                try await sql.insert(into: "info_announcement_tags").columns("announcement_id", "tag").values(SQLBind(id), SQLBind(tag)).run()
            }
            return AnnouncementRecord(id: id, content: content, publishedAt: now, updatedAt: now)
        }
    }

    /// Ends announcement `id` at `now` (it leaves current lists and feeds); false when there is none.
    public func withdraw(id: Int64, at now: Date) async throws -> Bool {
        try await database.withConnection { sql in
            try await sql.update("info_announcements").set("valid_until", to: now.unixSeconds).set("updated_at", to: now.unixSeconds).where("id", .equal, id)
                .returning("id").all().count == 1
        }
    }

    public func find(id: Int64) async throws -> AnnouncementRecord? {
        try await records(try await database.withConnection { sql in
            try await sql.select().columns(Self.columns).from("info_announcements").where("id", .equal, id).all()
        }).first
    }

    /// Announcements matching `filter`, newest first, before `beforeID` when given.
    public func list(_ filter: Filter, beforeID: Int64?, limit: Int) async throws -> [AnnouncementRecord] {
        let rows = try await database.withConnection { sql in
            var query = sql.select().columns(Self.columns.map { SQLColumn($0, table: "info_announcements") }).from("info_announcements")
            if let tag = filter.tag {
                query = query.join("info_announcement_tags", on: SQLColumn("announcement_id", table: "info_announcement_tags"), .equal, SQLColumn("id", table: "info_announcements"))
                    .where(SQLColumn("tag", table: "info_announcement_tags"), .equal, SQLBind(tag))
            }
            if let province = filter.provinceCode {
                query = query.where { $0.where("province_code", .is, SQLLiteral.null).orWhere("province_code", .equal, province) }
            }
            if let now = filter.currentAt {
                query = query.where { $0.where("valid_until", .is, SQLLiteral.null).orWhere("valid_until", .greaterThan, now.unixSeconds) }
            }
            if let beforeID { query = query.where(SQLColumn("id", table: "info_announcements"), .lessThan, SQLBind(beforeID)) }
            return try await query.orderBy(SQLColumn("id", table: "info_announcements"), SQLDirection.descending).limit(limit).all()
        }
        return try await records(rows)
    }

    /// Rows with their tags.
    private func records(_ rows: [any SQLRow]) async throws -> [AnnouncementRecord] {
        let ids = try rows.map { try $0.decode(column: "id", as: Int64.self) }
        guard !ids.isEmpty else { return [] }
        let tagRows = try await database.withConnection { sql in
            try await sql.select().columns("announcement_id", "tag").from("info_announcement_tags").where("announcement_id", .in, ids).all()
        }
        var tags: [Int64: [String]] = [:]
        for row in tagRows { tags[try row.decode(column: "announcement_id", as: Int64.self), default: []].append(try row.decode(column: "tag", as: String.self)) }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int64.self)
            return AnnouncementRecord(
                id: id,
                content: AnnouncementContent(
                    title: try JSONDecoder().decode(BilingualText.self, from: Data(try row.decode(column: "title", as: String.self).utf8)),
                    body: try JSONDecoder().decode(BilingualText.self, from: Data(try row.decode(column: "body", as: String.self).utf8)),
                    provinceCode: try row.optionalString("province_code"), priority: try row.value("priority", as: AnnouncementContent.Priority.self),
                    tags: (tags[id] ?? []).sorted(), validUntil: try row.optionalInt64("valid_until").map { Date(timeIntervalSince1970: TimeInterval($0)) }
                ),
                publishedAt: try row.date("published_at"), updatedAt: try row.date("updated_at")
            )
        }
    }
}
