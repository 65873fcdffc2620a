import Foundation
import Misinformation
import SQLKit

/// A tip or post to store.
public struct NewMisinformationItem: Sendable, Equatable {
    public var kind: MisinformationItemRecord.Kind
    public var channel: String
    public var text: String
    public var url: String?
    /// A post's URL in its one written form: a second post with it is a duplicate.
    public var postURL: String?
    public var platform: String?
    public var author: String?
    public var postedAt: Date?
    public var likes = 0
    public var comments = 0
    public var shares = 0
    public var phone: String?
    public var score: Double?

    public init(kind: MisinformationItemRecord.Kind, channel: String, text: String) {
        self.kind = kind
        self.channel = channel
        self.text = text
    }
}

/// Tips and posts: stored in their claim (a new claim when none matches), fed to every
/// instance's matcher, scored, answered, and their phones forgotten.
public struct MisinformationItemRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    private struct DuplicatePost: Error {}

    /// Stores `item` in claim `claimID`, or in a new claim titled `title` (of `provinceCode`,
    /// nil: national) when nil; nil when a post with its URL is already held.
    public func add(
        _ item: NewMisinformationItem, toClaim claimID: Int64?, title: String, provinceCode: String?, at now: Date
    ) async throws -> MisinformationItemRecord? {
        do {
            return try await database.transaction { sql in
                let claim = try await Self.claimID(claimID, title: title, provinceCode: provinceCode, at: now, on: sql)
                guard let row = try await sql.insert(into: "mis_items")
                    .columns(
                        "claim_id", "kind", "channel", "text", "url", "post_url", "platform", "author", "posted_at", "likes", "comments", "shares", "phone", "score",
                        "received_at"
                    )
                    .values(
                        SQLBind(claim), SQLBind(item.kind.rawValue), SQLBind(item.channel), SQLBind(item.text), SQLBind(item.url), SQLBind(item.postURL),
                        SQLBind(item.platform), SQLBind(item.author), SQLBind(item.postedAt?.unixSeconds), SQLBind(item.likes), SQLBind(item.comments),
                        SQLBind(item.shares), SQLBind(item.phone), SQLBind(item.score), SQLBind(now.unixSeconds)
                    )
                    .ignoringConflicts(with: ["post_url"]).returning(MisinformationItemRecord.columns.map { SQLColumn($0) }).first()
                else { throw DuplicatePost() }
                try await sql.update("mis_claims").set("items", to: SQLRaw("items + 1")).set("updated_at", to: now.unixSeconds).where("id", .equal, claim).run()
                if let score = item.score {
                    try await sql.update("mis_claims").set("score", to: score).where("id", .equal, claim)
                        .where { $0.where("score", .is, SQLLiteral.null).orWhere("score", .lessThan, score) }.run()
                }
                return try MisinformationItemRecord(row: row)
            }
        } catch is DuplicatePost {
            return nil
        }
    }

    /// `claimID` when it names a claim, else a new claim's id.
    private static func claimID(_ claimID: Int64?, title: String, provinceCode: String?, at now: Date, on sql: any SQLDatabase) async throws -> Int64 {
        if let claimID, try await sql.select().column("id").from("mis_claims").where("id", .equal, claimID).first() != nil { return claimID }
        guard let row = try await sql.insert(into: "mis_claims").columns("title", "province_code", "status", "evidence", "items", "first_seen_at", "updated_at")
            .values(
                SQLBind(title), SQLBind(provinceCode), SQLBind(ClaimStatus.undetermined.rawValue), SQLBind("[]"), SQLBind(0), SQLBind(now.unixSeconds),
                SQLBind(now.unixSeconds)
            )
            .returning("id").first()
        else { throw StoreError.notFound("the new claim") }
        return try row.decode(column: "id", as: Int64.self)
    }

    /// Which of `urls` posts already hold.
    public func heldPostURLs(_ urls: [String]) async throws -> Set<String> {
        guard !urls.isEmpty else { return [] }
        return try await database.withConnection { sql in
            Set(try await sql.select().column("post_url").from("mis_items").where("post_url", .in, urls).all().map { try $0.decode(column: "post_url", as: String.self) })
        }
    }

    /// The items of claim `claimID`, oldest first.
    public func items(ofClaim claimID: Int64, limit: Int) async throws -> [MisinformationItemRecord] {
        try await database.withConnection { sql in
            try await sql.select().columns(MisinformationItemRecord.columns).from("mis_items").where("claim_id", .equal, claimID).orderBy("id").limit(limit)
                .all().map(MisinformationItemRecord.init(row:))
        }
    }

    public func items(ids: [Int64]) async throws -> [MisinformationItemRecord] {
        guard !ids.isEmpty else { return [] }
        return try await database.withConnection { sql in
            try await sql.select().columns(MisinformationItemRecord.columns).from("mis_items").where("id", .in, ids).orderBy("id").all()
                .map(MisinformationItemRecord.init(row:))
        }
    }

    /// The newest item's id (0 when there is none).
    public func latestID() async throws -> Int64 {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("MAX", args: SQLColumn("id")), as: "latest").from("mis_items").first()
                .flatMap { try $0.decodeNil(column: "latest") ? nil : try $0.decode(column: "latest", as: Int64.self) } ?? 0
        }
    }

    /// Items after `afterID`, oldest first: what an instance's matcher has not taken in.
    public func added(afterID: Int64, limit: Int) async throws -> [(id: Int64, claimID: Int64, text: String)] {
        try await database.withConnection { sql in
            try await sql.select().columns("id", "claim_id", "text").from("mis_items").where("id", .greaterThan, afterID).orderBy("id").limit(limit).all()
                .map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "claim_id", as: Int64.self), try $0.decode(column: "text", as: String.self)) }
        }
    }

    /// The tips of claim `claimID` whose sender waits for the verdict by text.
    public func awaitingAnswer(claimID: Int64) async throws -> [(id: Int64, phone: String)] {
        try await database.withConnection { sql in
            try await sql.select().columns("id", "phone").from("mis_items").where("claim_id", .equal, claimID).where("phone", .isNot, SQLLiteral.null)
                .where("answered_at", .is, SQLLiteral.null).all()
                .map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "phone", as: String.self)) }
        }
    }

    /// Marks `ids` answered at `now` and forgets their phones.
    public func markAnswered(ids: [Int64], at now: Date) async throws {
        guard !ids.isEmpty else { return }
        try await database.withConnection { sql in
            try await sql.update("mis_items").set("answered_at", to: now.unixSeconds).set("phone", to: SQLLiteral.null).where("id", .in, ids).run()
        }
    }

    /// Forgets the phones of tips received before `cutoff` that were never answered; returns how many.
    public func forgetPhones(receivedBefore cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.update("mis_items").set("phone", to: SQLLiteral.null).where("phone", .isNot, SQLLiteral.null)
                .where("received_at", .lessThan, cutoff.unixSeconds).returning("id").all().count
        }
    }
}
