import Foundation
import Messaging
import SQLKit

/// Campaigns, their life cycle and their rounds.
public struct CampaignRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A new draft; throws ``StoreError/notFound(_:)`` when its list is deleted.
    public func create(_ draft: CampaignContent, by username: String, at now: Date) async throws -> Int64 {
        try await database.transaction { sql in
            try await AudienceRepository.lockLive(draft.audienceID, sql: sql)
            return try await sql.insert(into: "campaigns")
                .columns(
                    "name", "channel", "template", "no_diacritics", "sender", "maximum_parts", "audience_id", "segment", "schedule", "http_template",
                    "status", "province_code", "created_by", "created_at", "updated_at"
                )
                .values(
                    SQLBind(draft.name), SQLBind(draft.channel.rawValue), SQLBind(draft.template), SQLBind(draft.withoutDiacritics ? 1 : 0), SQLBind(draft.sender),
                    SQLBind(draft.maximumParts), SQLBind(draft.audienceID), SQLBind(try StoredJSON.text(draft.segment)), SQLBind(try StoredJSON.text(draft.schedule)),
                    SQLBind(draft.httpTemplate), SQLBind(CampaignStatus.draft.rawValue), SQLBind(draft.provinceCode), SQLBind(username),
                    SQLBind(now.unixSeconds), SQLBind(now.unixSeconds)
                )
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// Rewrites a draft; false when the campaign is no longer a draft. Throws
    /// ``StoreError/notFound(_:)`` when its list is deleted.
    public func update(id: Int64, with draft: CampaignContent, at now: Date) async throws -> Bool {
        try await database.transaction { sql in
            try await AudienceRepository.lockLive(draft.audienceID, sql: sql)
            return try await sql.update("campaigns").set("name", to: draft.name).set("channel", to: draft.channel.rawValue).set("template", to: draft.template)
                .set("no_diacritics", to: draft.withoutDiacritics ? 1 : 0).set("sender", to: draft.sender).set("maximum_parts", to: draft.maximumParts)
                .set("audience_id", to: draft.audienceID).set("segment", to: try StoredJSON.text(draft.segment))
                .set("schedule", to: try StoredJSON.text(draft.schedule)).set("http_template", to: draft.httpTemplate).set("updated_at", to: now.unixSeconds)
                .where("id", .equal, id).where("status", .equal, CampaignStatus.draft.rawValue).returning("id").all().count == 1
        }
    }

    public func campaign(id: Int64) async throws -> CampaignRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(CampaignRecord.columns).from("campaigns").where("id", .equal, id).first().map(CampaignRecord.init(row:))
        }
    }

    /// Campaigns newest first; a province's own when `provinceCode` is given.
    public func campaigns(ownedBy provinceCode: String?, limit: Int = 200) async throws -> [CampaignRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns(CampaignRecord.columns).from("campaigns")
            if let provinceCode { query = query.where("province_code", .equal, provinceCode) }
            return try await query.orderBy("id", .descending).limit(limit).all().map(CampaignRecord.init(row:))
        }
    }

    /// Moves the campaign from `from` to `to` (the caller checked the step with
    /// ``CampaignStatus/after(_:)``); false when another officer or instance moved it first.
    /// Approving records the approver and how many subscribers the list held; scheduling plans the
    /// rounds; cancelling cancels the rounds not yet sent and fails their queued messages.
    public func move(id: Int64, from: CampaignStatus, to: CampaignStatus, by username: String, at now: Date) async throws -> Bool {
        try await database.transaction { sql in
            var update = sql.update("campaigns").set("status", to: to.rawValue).set("updated_at", to: now.unixSeconds)
            if to == .approved {
                // The list is locked as a deletion locks it, so no import publishes into it while
                // the approval counts it (an import afterwards takes the approval back).
                let list = SQLSubquery.select { $0.column("audience_id").from("campaigns").where("id", .equal, id) }
                _ = try await sql.select().column("id").from("audiences").where("id", .in, list).for(.update).all()
                let members = SQLSubquery.select { select in
                    select.column(SQLFunction("COUNT", args: SQLLiteral.all)).from("audience_members")
                        .where(SQLColumn("audience_id", table: "audience_members"), .equal, SQLColumn("audience_id", table: "campaigns"))
                }
                update = update.set("approved_by", to: username).set("approved_at", to: now.unixSeconds).set("approved_members", to: members)
            }
            let moved = try await update.where("id", .equal, id).where("status", .equal, from.rawValue).returning("id").all().count == 1
            guard moved else { return false }
            if to == .scheduled, from == .approved, let campaign = try await sql.select().columns(CampaignRecord.columns).from("campaigns")
                .where("id", .equal, id).first().map(CampaignRecord.init(row:))
            {
                for (index, due) in campaign.content.schedule.sendingTimes().enumerated() {
                    try await sql.insert(into: "campaign_rounds").columns("campaign_id", "number", "due_at", "status")
                        .values(SQLBind(id), SQLBind(index + 1), SQLBind(due.unixSeconds), SQLBind(RoundStatus.planned.rawValue)).run()
                }
            }
            if from == .paused, to == .scheduled,
                try await sql.select().column("id").from("campaign_rounds").where("campaign_id", .equal, id).where("status", .equal, RoundStatus.queued.rawValue).first() != nil
            {
                // Resumed in the middle of a round: it goes on sending.
                try await sql.update("campaigns").set("status", to: CampaignStatus.sending.rawValue).where("id", .equal, id).run()
            }
            if to == .cancelled {
                let rounds = SQLSubquery.select { $0.column("id").from("campaign_rounds").where("campaign_id", .equal, id) }
                try await sql.update("outbound_messages").set("status", to: OutboundStatus.failed.rawValue).set("reason", to: "campaign cancelled")
                    .set("updated_at", to: now.unixSeconds).where("round_id", .in, rounds).where(OutboundStatus.isClause(.queued)).run()
                try await sql.update("campaign_rounds").set("status", to: RoundStatus.cancelled.rawValue).where("campaign_id", .equal, id)
                    .where("status", .equal, RoundStatus.planned.rawValue).run()
            }
            return true
        }
    }

    public func rounds(campaignID: Int64) async throws -> [CampaignRound] {
        try await database.withConnection { sql in
            try await sql.select().columns(CampaignRound.columns).from("campaign_rounds").where("campaign_id", .equal, campaignID).orderBy("number")
                .all().map(CampaignRound.init(row:))
        }
    }

    /// The planned rounds now due of scheduled campaigns, earliest first.
    public func dueRounds(at now: Date, limit: Int = 10) async throws -> [CampaignRound] {
        try await database.withConnection { sql in
            try await sql.select().columns(CampaignRound.columns.map { SQLColumn($0, table: "campaign_rounds") }).from("campaign_rounds")
                .join("campaigns", on: SQLColumn("campaign_id", table: "campaign_rounds"), .equal, SQLColumn("id", table: "campaigns"))
                .where(SQLColumn("status", table: "campaign_rounds"), .equal, SQLBind(RoundStatus.planned.rawValue))
                .where(SQLColumn("due_at", table: "campaign_rounds"), .lessThanOrEqual, SQLBind(now.unixSeconds))
                .where(SQLColumn("status", table: "campaigns"), .equal, SQLBind(CampaignStatus.scheduled.rawValue))
                .orderBy(SQLColumn("due_at", table: "campaign_rounds")).limit(limit).all().map(CampaignRound.init(row:))
        }
    }

    /// Rounds being sent (queued, campaign `sending`) with their campaign's schedule, whose quiet
    /// hours the dispatcher keeps, and the provider's template id of an HTTP campaign.
    public func sendingRounds() async throws -> [SendingRound] {
        try await database.withConnection { sql in
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            return try await sql.select().column(SQLAlias(SQLColumn("id", table: "campaign_rounds"), as: "round_id"))
                .column(SQLAlias(SQLColumn("id", table: "campaigns"), as: "campaign_id")).column(SQLColumn("schedule", table: "campaigns"))
                .column(SQLColumn("http_template", table: "campaigns"))
                .from("campaign_rounds")
                .join("campaigns", on: SQLColumn("campaign_id", table: "campaign_rounds"), .equal, SQLColumn("id", table: "campaigns"))
                .where(SQLColumn("status", table: "campaign_rounds"), .equal, SQLBind(RoundStatus.queued.rawValue))
                .where(SQLColumn("status", table: "campaigns"), .equal, SQLBind(CampaignStatus.sending.rawValue)).all().map { row in
                    SendingRound(
                        roundID: try row.decode(column: "round_id", as: Int64.self), campaignID: try row.decode(column: "campaign_id", as: Int64.self),
                        schedule: try decoder.decode(CampaignSchedule.self, from: Data(try row.decode(column: "schedule", as: String.self).utf8)),
                        httpTemplate: try row.optionalString("http_template")
                    )
                }
        }
    }

    /// Puts a due round's recipients in the outbound queue, once: the members of the campaign's
    /// segment not opted out, each with the body of their province (`bodies` by province code,
    /// with its parts), and moves the campaign to `sending`. False when the round was queued
    /// already (by another instance) or the campaign is no longer scheduled.
    public func queue(round: CampaignRound, campaign: CampaignRecord, bodies: [String: (body: String, parts: Int)], at now: Date) async throws -> Bool {
        try await database.transaction { sql in
            let claimed = try await sql.update("campaign_rounds").set("status", to: RoundStatus.queued.rawValue).set("queued_at", to: now.unixSeconds)
                .where("id", .equal, round.id).where("status", .equal, RoundStatus.planned.rawValue).returning("id").all().count == 1
            guard claimed else { return false }
            let started = try await sql.update("campaigns").set("status", to: CampaignStatus.sending.rawValue).set("updated_at", to: now.unixSeconds)
                .where("id", .equal, campaign.id).where("status", .equal, CampaignStatus.scheduled.rawValue).returning("id").all().count == 1
            guard started else { throw CampaignQueueConflict() }
            var recipients = 0
            for (province, body) in bodies.sorted(by: { $0.key < $1.key }) {
                let segment = AudienceSegment(provinces: [province], operators: campaign.content.segment.operators, groups: campaign.content.segment.groups)
                recipients += try await sql.insert(into: "outbound_messages")
                    .columns(
                        "round_id", "channel", "purpose", "priority", "phone", "operator", "province_code", "sender", "body", "parts", "status", "not_before", "created_at",
                        "updated_at"
                    )
                    .select { select in
                        AudienceRepository.members(
                            of: campaign.content.audienceID, in: segment,
                            select.column(SQLBind(round.id)).column(SQLBind(campaign.content.channel.rawValue)).column(SQLBind("campaign")).column(SQLBind(OutboundPriority.bulk))
                                .column("phone").column("operator").column("province_code").column(SQLBind(campaign.content.sender)).column(SQLBind(body.body)).column(SQLBind(body.parts))
                                .column(SQLBind(OutboundStatus.queued.rawValue)).column(SQLBind(now.unixSeconds)).column(SQLBind(now.unixSeconds))
                                .column(SQLBind(now.unixSeconds))
                        )
                    }
                    .returning("id").all().count
            }
            try await sql.update("campaign_rounds").set("recipients", to: recipients).where("id", .equal, round.id).run()
            return true
        }
    }

    /// Rounds queued whose every message left the queue (submitted, delivered or failed) are
    /// done; their campaign goes back to `scheduled`, or to `done` after its last round.
    /// Returns the rounds finished.
    public func finishSentRounds(at now: Date) async throws -> [Int64] {
        try await database.transaction { sql in
            // Queued messages are looked up per round in their partial index by round; the few
            // being sent are read once from theirs (a round with none of either is done).
            let noneQueued = SQLRaw(
                "NOT EXISTS (SELECT 1 FROM outbound_messages WHERE round_id = campaign_rounds.id AND outbound_messages.\(OutboundStatus.isClause(.queued).sql))"
            )
            let beingSent = SQLRaw("SELECT COALESCE(round_id, 0) FROM outbound_messages WHERE \(OutboundStatus.isClause(.sending).sql)")
            let finished = try await sql.update("campaign_rounds").set("status", to: RoundStatus.done.rawValue).set("finished_at", to: now.unixSeconds)
                .where("status", .equal, RoundStatus.queued.rawValue).where(noneQueued).where("id", .notIn, SQLGroupExpression(beingSent)).returning("id", "campaign_id").all()
            for row in finished {
                let campaignID = try row.decode(column: "campaign_id", as: Int64.self)
                let more = try await sql.select().column("id").from("campaign_rounds").where("campaign_id", .equal, campaignID)
                    .where("status", .equal, RoundStatus.planned.rawValue).first() != nil
                try await sql.update("campaigns").set("status", to: (more ? CampaignStatus.scheduled : .done).rawValue)
                    .set("updated_at", to: now.unixSeconds).where("id", .equal, campaignID).where("status", .equal, CampaignStatus.sending.rawValue).run()
            }
            return try finished.map { try $0.decode(column: "id", as: Int64.self) }
        }
    }
}

/// A round the dispatcher may send from.
public struct SendingRound: Sendable, Equatable {
    public var roundID: Int64
    public var campaignID: Int64
    public var schedule: CampaignSchedule
    /// The provider's template id, for an HTTP campaign.
    public var httpTemplate: String?
}

/// The campaign left `scheduled` while its round was being queued; the transaction is undone.
struct CampaignQueueConflict: Error {}
