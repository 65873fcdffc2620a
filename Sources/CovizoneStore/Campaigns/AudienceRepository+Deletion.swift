import Foundation
import Messaging
import SQLKit

/// What deleting a subscriber list did.
public enum AudienceDeletionResult: Sendable, Equatable {
    case deleted
    /// Campaigns neither done nor cancelled use the list; they keep it until they end.
    case inUse(campaignIDs: [Int64])
    /// No such list, or it was deleted already.
    case notFound
}

extension AudienceRepository {
    /// Campaigns in these statuses no longer need their list.
    static let finishedCampaigns = [CampaignStatus.done.rawValue, CampaignStatus.cancelled.rawValue]

    /// Deletes a list that no running or planned campaign uses: it is gone from every view at
    /// once, and nothing more can be added to it or planned on it (its row stays, named, for the
    /// campaigns that used it). Its members and import reports go with ``purgeDeletedLists(chunk:)``.
    public func delete(id: Int64, by username: String, at now: Date) async throws -> AudienceDeletionResult {
        try await database.transaction { sql in
            // Locked against imports and campaigns being written on the list (they lock it to
            // share, see `lockLive`): they either commit first and are seen here, or find it deleted.
            guard try await sql.select().column("id").from("audiences").where("id", .equal, id).where("deleted_at", .is, SQLLiteral.null)
                .for(.update).first() != nil
            else { return .notFound }
            let campaigns = try await sql.select().column("id").from("campaigns").where("audience_id", .equal, id)
                .where("status", .notIn, Self.finishedCampaigns).orderBy("id").all(decodingColumn: "id", as: Int64.self)
            guard campaigns.isEmpty else { return .inUse(campaignIDs: campaigns) }
            try await Self.markDeleted([id], by: username, at: now, sql: sql)
            return .deleted
        }
    }

    /// Deletes, as ``delete(id:by:at:)`` does, the lists created before `cutoff` that no campaign
    /// has used since then (none still running or planned, none ended since) and that nothing was
    /// imported into since then. Returns how many lists. (Lists are locked in the order of their
    /// ids, so that two instances' passes wait for each other rather than deadlock.)
    @discardableResult
    public func deleteUnused(before cutoff: Date, at now: Date) async throws -> Int {
        try await database.transaction { sql in
            let old = try await sql.select().column("id").from("audiences").where("deleted_at", .is, SQLLiteral.null)
                .where("created_at", .lessThan, cutoff.unixSeconds).orderBy("id").for(.update).all(decodingColumn: "id", as: Int64.self)
            guard !old.isEmpty else { return 0 }
            let usedByCampaigns = try await sql.select().distinct().column("audience_id").from("campaigns")
                .where { $0.where("status", .notIn, Self.finishedCampaigns).orWhere("updated_at", .greaterThanOrEqual, cutoff.unixSeconds) }
                .all(decodingColumn: "audience_id", as: Int64.self)
            let importedInto = try await sql.select().distinct().column("audience_id").from("audience_imports")
                .where("created_at", .greaterThanOrEqual, cutoff.unixSeconds).all(decodingColumn: "audience_id", as: Int64.self)
            let stale = Set(old).subtracting(usedByCampaigns).subtracting(importedInto).sorted()
            try await Self.markDeleted(stale, by: "retention", at: now, sql: sql)
            return stale.count
        }
    }

    /// Locks list `id` for the transaction of `sql` against its deletion, or throws
    /// ``StoreError/notFound(_:)`` when it is deleted (or never was).
    static func lockLive(_ id: Int64, sql: any SQLDatabase) async throws {
        guard try await sql.select().column("id").from("audiences").where("id", .equal, id).where("deleted_at", .is, SQLLiteral.null)
            .for(.share).first() != nil
        else { throw StoreError.notFound("Audience \(id)") }
    }

    /// Deletes the members and import reports of deleted lists, at most `chunk` members a
    /// transaction (a list of millions does not hold the store for long). What a stopped purge
    /// leaves, the next one deletes. Returns how many members.
    @discardableResult
    public func purgeDeletedLists(chunk: Int = 20_000) async throws -> Int {
        let deletedLists = SQLSubquery.select { $0.column("id").from("audiences").where("deleted_at", .isNot, SQLLiteral.null) }
        let lists = try await database.withConnection { sql in
            try await sql.select().distinct().column("audience_id").from("audience_members").where("audience_id", .in, deletedLists)
                .all(decodingColumn: "audience_id", as: Int64.self)
        }
        var purged = 0
        for list in lists {
            while true {
                let deleted = try await database.transaction { sql in
                    let someMembers = SQLSubquery.select { $0.column("phone").from("audience_members").where("audience_id", .equal, list).limit(chunk) }
                    return try await sql.delete(from: "audience_members").where("audience_id", .equal, list).where("phone", .in, someMembers)
                        .returning("audience_id").all().count
                }
                purged += deleted
                if deleted < chunk { break }
            }
        }
        try await database.transaction { sql in
            try await sql.delete(from: "audience_imports").where("audience_id", .in, deletedLists).run()
        }
        return purged
    }

    private static func markDeleted(_ ids: [Int64], by username: String, at now: Date, sql: any SQLDatabase) async throws {
        for chunk in ids.chunked(1_000) {
            try await sql.update("audiences").set("deleted_at", to: now.unixSeconds).set("deleted_by", to: username).where("id", .in, chunk).run()
        }
    }
}
