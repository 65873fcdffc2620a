import Foundation
import Messaging
import SQLKit

/// What publishing a staged import did.
public enum AudienceImportOutcome: Sendable, Equatable {
    /// The rows are on the list: `added` new numbers; campaigns approved or scheduled on the list
    /// went back to draft (what was approved changed), named in `reopenedCampaigns`.
    case published(added: Int, reopenedCampaigns: [Int64])
    /// Campaigns are sending (or paused in) rounds on the list: nothing was added.
    case inUse(campaignIDs: [Int64])
}

extension AudienceRepository {
    /// Campaigns whose approval an import takes back (they have not begun to send).
    static let approvedCampaigns = [CampaignStatus.approved.rawValue, CampaignStatus.scheduled.rawValue]
    /// Campaigns that refuse imports into their list while they run.
    static let runningCampaigns = [CampaignStatus.sending.rawValue, CampaignStatus.paused.rawValue]

    /// A staging id for a new import.
    public static func newStagingID() -> Int64 { Int64.random(in: 1...Int64.max) }

    /// Stages rows of an import still streaming in; a number the file gives twice is staged once
    /// (what was new is counted when the import is published).
    public func stage(_ members: [AudienceMember], stagingID: Int64, at now: Date) async throws {
        guard !members.isEmpty else { return }
        try await database.transaction { sql in
            for chunk in members.chunked(500) {
                var insert = sql.insert(into: "audience_staged_members").columns("staging_id", "phone", "province_code", "operator", "member_group", "staged_at")
                for member in chunk {
                    insert = insert.values(
                        SQLBind(stagingID), SQLBind(member.phone), SQLBind(member.provinceCode), SQLBind(member.operatorID), SQLBind(member.group),
                        SQLBind(now.unixSeconds)
                    )
                }
                try await insert.ignoringConflicts().run()
            }
        }
    }

    /// Publishes the staged rows into list `audienceID` with the import's `report` (its `added`
    /// and `duplicates` are counted here) and `audit` entry, in one transaction: all of it lands,
    /// or none. Campaigns approved or scheduled on the list go back to draft; while one sends, the
    /// import is refused. The staged rows are deleted in both cases; when this throws (the list
    /// is deleted: ``StoreError/notFound(_:)``), ``discardStaged(_:)`` is the caller's.
    public func publishImport(
        stagingID: Int64, into audienceID: Int64, report: AudienceImportReport, audit: AuditEntry, by username: String, at now: Date
    ) async throws -> (AudienceImportOutcome, AudienceImportReport) {
        try await database.transaction { sql in
            try await Self.lockLive(audienceID, sql: sql)
            let staged = sql.delete(from: "audience_staged_members").where("staging_id", .equal, stagingID)
            let running = try await campaigns(on: audienceID, in: Self.runningCampaigns, sql: sql)
            guard running.isEmpty else {
                try await staged.run()
                return (.inUse(campaignIDs: running), report)
            }
            let before = try await memberCount(audienceID, sql: sql)
            try await sql.insert(into: "audience_members").columns("audience_id", "phone", "province_code", "operator", "member_group")
                .select { select in
                    select.column(SQLBind(audienceID)).columns("phone", "province_code", "operator", "member_group").from("audience_staged_members")
                        .where("staging_id", .equal, stagingID)
                }
                .ignoringConflicts().run()
            try await staged.run()
            var report = report
            report.added = try await memberCount(audienceID, sql: sql) - before
            report.duplicates = report.rows - report.rejected - report.added
            try await Self.recordImport(report, audienceID: audienceID, by: username, at: now, sql: sql)
            let reopened = try await campaigns(on: audienceID, in: Self.approvedCampaigns, sql: sql)
            if !reopened.isEmpty {
                try await sql.delete(from: "campaign_rounds").where("campaign_id", .in, reopened).where("status", .equal, RoundStatus.planned.rawValue).run()
                try await sql.update("campaigns").set("status", to: CampaignStatus.draft.rawValue).set("approved_by", to: SQLLiteral.null)
                    .set("approved_at", to: SQLLiteral.null).set("approved_members", to: SQLLiteral.null).set("updated_at", to: now.unixSeconds)
                    .where("id", .in, reopened).run()
            }
            try await AuditLogRepository.append(audit, on: sql)
            return (.published(added: report.added, reopenedCampaigns: reopened), report)
        }
    }

    /// Deletes the rows staged for an import (a failed or refused one).
    public func discardStaged(_ stagingID: Int64) async throws {
        try await database.withConnection { sql in
            try await sql.delete(from: "audience_staged_members").where("staging_id", .equal, stagingID).run()
        }
    }

    /// Deletes rows staged before `cutoff` (imports whose process stopped mid-way); returns how many.
    @discardableResult
    public func purgeAbandonedStaging(before cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.delete(from: "audience_staged_members").where("staged_at", .lessThan, cutoff.unixSeconds).returning("phone").all().count
        }
    }

    private func campaigns(on audienceID: Int64, in statuses: [String], sql: any SQLDatabase) async throws -> [Int64] {
        try await sql.select().column("id").from("campaigns").where("audience_id", .equal, audienceID).where("status", .in, statuses)
            .orderBy("id").all(decodingColumn: "id", as: Int64.self)
    }

    private func memberCount(_ audienceID: Int64, sql: any SQLDatabase) async throws -> Int {
        try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audience_members")
            .where("audience_id", .equal, audienceID).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
