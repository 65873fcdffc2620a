import Foundation
import Messaging
import SQLKit

/// The durable per-recipient queue: messages are claimed by a dispatcher (several instances on
/// one PostgreSQL share it with `FOR UPDATE SKIP LOCKED`), their submission and receipts recorded.
/// A message is submitted at most once: one whose dispatcher stopped mid-submission becomes
/// `unconfirmed` and only a receipt settles it.
public struct OutboundQueueRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Queues a single text (a one-time code, a warning) ahead of campaign rounds.
    public func enqueue(
        phone: String, operatorID: String, sender: String, body: String, parts: Int, purpose: String, priority: Int = OutboundPriority.transactional,
        at now: Date
    ) async throws {
        try await database.withConnection { sql in
            try await sql.insert(into: "outbound_messages")
                .columns("purpose", "priority", "phone", "operator", "sender", "body", "parts", "status", "not_before", "created_at", "updated_at")
                .values(
                    SQLBind(purpose), SQLBind(priority), SQLBind(phone), SQLBind(operatorID), SQLBind(sender), SQLBind(body), SQLBind(parts),
                    SQLBind(OutboundStatus.queued.rawValue), SQLBind(now.unixSeconds), SQLBind(now.unixSeconds), SQLBind(now.unixSeconds)
                ).run()
        }
    }

    /// Takes up to `limit` queued messages for `operators` (nil: any operator) on `channel`,
    /// single texts first, then those of `rounds` (the rounds allowed to send now), marking them
    /// `sending` for `owner` until `leaseEnds`.
    public func claim(
        channel: CampaignChannel = .sms, operators: [String]?, rounds: [Int64], limit: Int, owner: String, leaseEnds: Date, at now: Date
    ) async throws -> [OutboundMessage] {
        guard limit > 0 else { return [] }
        let isPostgres = database.engine == .postgres
        return try await database.transaction { sql in
            let candidates = SQLSubquery.select { select in
                var select = select.column("id").from("outbound_messages").where(OutboundStatus.isClause(.queued))
                    .where("channel", .equal, channel.rawValue).where("not_before", .lessThanOrEqual, now.unixSeconds)
                if let operators { select = select.where("operator", .in, operators) }
                select = select
                    .where { group in
                        rounds.isEmpty ? group.where("round_id", .is, SQLLiteral.null)
                            : group.where("round_id", .is, SQLLiteral.null).orWhere("round_id", .in, rounds)
                    }
                    .orderBy("priority").orderBy("id").limit(limit)
                if isPostgres { select = select.lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED")) }
                return select
            }
            return try await sql.update("outbound_messages").set("status", to: OutboundStatus.sending.rawValue).set("claimed_by", to: owner)
                .set("claimed_until", to: leaseEnds.unixSeconds).set("updated_at", to: now.unixSeconds).where("id", .in, candidates)
                .returning(OutboundMessage.columns.map { SQLColumn($0) }).all().map(OutboundMessage.init(row:)).sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }
        }
    }

    /// Records what became of submitted messages, in one transaction; `smsc` names the SMSC
    /// connection that gave the ids. Accepted messages are written a thousand at a statement.
    public func record(_ results: [(message: OutboundMessage, smsc: String, result: SubmissionResult)], at now: Date) async throws {
        guard !results.isEmpty else { return }
        try await database.transaction { sql in
            var accepted: [Int: [Int64]] = [:]
            var parts: [(smsc: String, id: String, outboundID: Int64)] = []
            for (message, smsc, result) in results {
                switch result {
                case .submitted(let ids):
                    accepted[ids.count, default: []].append(message.id)
                    parts += ids.map { (smsc, $0, message.id) }
                case .failed(let reason), .unconfirmed(let reason):
                    let status: OutboundStatus = if case .failed = result { .failed } else { .unconfirmed }
                    try await Self.leaveSending(sql, now).set("status", to: status.rawValue).set("reason", to: reason).where("id", .equal, message.id).run()
                }
            }
            for (count, ids) in accepted {
                for chunk in ids.chunked(1_000) {
                    try await Self.leaveSending(sql, now).set("status", to: OutboundStatus.submitted.rawValue).set("parts_accepted", to: count)
                        .where("id", .in, chunk).run()
                }
            }
            for chunk in parts.chunked(500) {
                var insert = sql.insert(into: "smsc_messages").columns("smsc", "smsc_id", "outbound_id", "state", "created_at")
                for part in chunk {
                    insert = insert.values(SQLBind(part.smsc), SQLBind(part.id), SQLBind(part.outboundID), SQLBind(DeliveryState.accepted.rawValue), SQLBind(now.unixSeconds))
                }
                // An SMSC that gives an id again (its counter restarted) means its latest part:
                // the receipts to come are about that one.
                try await insert.onConflict(with: ["smsc", "smsc_id"]) {
                    $0.set(excludedValueOf: "outbound_id").set(excludedValueOf: "state").set(excludedValueOf: "created_at")
                }.run()
            }
        }
    }

    /// Records the responses of parts that came after their message's outcome was taken as
    /// unknown: a part the SMSC took gets its id (its receipt then settles the message, and a
    /// one-part message is `submitted`); one it refused fails the message, whether its unknown
    /// outcome is recorded yet or not.
    public func recordLateAnswers(_ answers: [(messageID: Int64, smsc: String, answer: LateAnswer)], at now: Date) async throws {
        guard !answers.isEmpty else { return }
        try await database.transaction { sql in
            for (messageID, smsc, answer) in answers {
                switch answer {
                case .accepted(let smscID):
                    try await sql.insert(into: "smsc_messages").columns("smsc", "smsc_id", "outbound_id", "state", "created_at")
                        .values(SQLBind(smsc), SQLBind(smscID), SQLBind(messageID), SQLBind(DeliveryState.accepted.rawValue), SQLBind(now.unixSeconds))
                        .onConflict(with: ["smsc", "smsc_id"]) { $0.set(excludedValueOf: "outbound_id").set(excludedValueOf: "state") }.run()
                    try await sql.update("outbound_messages").set("status", to: OutboundStatus.submitted.rawValue).set("parts_accepted", to: SQLColumn("parts"))
                        .set("reason", to: SQLLiteral.null).set("updated_at", to: now.unixSeconds)
                        .where("id", .equal, messageID).where(OutboundStatus.isClause(.unconfirmed)).where("parts", .equal, 1).run()
                case .refused(let reason):
                    try await sql.update("outbound_messages").set("status", to: OutboundStatus.failed.rawValue).set("reason", to: reason)
                        .set("claimed_by", to: SQLLiteral.null).set("claimed_until", to: SQLLiteral.null).set("updated_at", to: now.unixSeconds)
                        .where("id", .equal, messageID).where("status", .in, [OutboundStatus.sending.rawValue, OutboundStatus.unconfirmed.rawValue]).run()
                }
            }
        }
    }

    /// An update of messages still `sending`, releasing their claim.
    private static func leaveSending(_ sql: any SQLDatabase, _ now: Date) -> SQLUpdateBuilder {
        sql.update("outbound_messages").set("updated_at", to: now.unixSeconds).set("claimed_by", to: SQLLiteral.null).set("claimed_until", to: SQLLiteral.null)
            .where("status", .equal, OutboundStatus.sending.rawValue)
    }

    /// Sends again, once, each single text (one-time code, outbreak warning, reminder, opt-out
    /// confirmation: no round) created since `since` whose fate is unknown (`unconfirmed`: no answer
    /// from the SMSC, or its dispatcher stopped): a new queued message that names it in `retry_of`.
    /// A code is worth a second text while it lives; campaign messages are never sent twice.
    /// Two instances may run it at once: the unique index on `retry_of` keeps one copy. Returns
    /// how many.
    @discardableResult
    public func retryUnconfirmedTexts(since: Date, at now: Date) async throws -> Int {
        let copied = ["channel", "purpose", "priority", "phone", "operator", "province_code", "sender", "body", "parts"]
        return try await database.withConnection { sql in
            try await sql.insert(into: "outbound_messages").columns(copied + ["status", "not_before", "created_at", "updated_at", "retry_of"])
                .select { select in
                    select.columns(copied.map { SQLColumn($0) }).column(SQLBind(OutboundStatus.queued.rawValue)).column(SQLBind(now.unixSeconds))
                        .column(SQLBind(now.unixSeconds)).column(SQLBind(now.unixSeconds)).column("id").from("outbound_messages")
                        .where(OutboundStatus.isClause(.unconfirmed)).where("round_id", .is, SQLLiteral.null)
                        .where("created_at", .greaterThanOrEqual, since.unixSeconds).where("retry_of", .is, SQLLiteral.null)
                }
                .ignoringConflicts().returning("id").all().count
        }
    }

    /// Moves the lease of every message `owner` still holds to `leaseEnds`: a dispatcher that runs
    /// renews its claims, so that a slow send (an HTTP provider retrying for longer than a lease)
    /// is never taken for a stopped dispatcher's. Returns how many.
    @discardableResult
    public func renewClaims(owner: String, until leaseEnds: Date, at now: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.update("outbound_messages").set("claimed_until", to: leaseEnds.unixSeconds)
                .where(OutboundStatus.isClause(.sending)).where("claimed_by", .equal, owner).returning("id").all().count
        }
    }

    /// Messages claimed by a dispatcher that stopped (lease over): SMS become `unconfirmed` (the
    /// SMSC may have them; never sent twice), HTTP messages go back to the queue (sent again with
    /// the same idempotency key, which the provider recognises). Returns how many.
    @discardableResult
    public func releaseAbandonedClaims(at now: Date) async throws -> Int {
        try await database.withConnection { sql in
            let isSMS = "channel = 'sms'"
            return try await sql.update("outbound_messages")
                .set("status", to: SQLRaw("CASE WHEN \(isSMS) THEN '\(OutboundStatus.unconfirmed.rawValue)' ELSE '\(OutboundStatus.queued.rawValue)' END"))
                .set("reason", to: SQLRaw("CASE WHEN \(isSMS) THEN 'the dispatcher stopped while submitting it; not sent again' ELSE reason END"))
                .set("claimed_by", to: SQLLiteral.null).set("claimed_until", to: SQLLiteral.null).set("updated_at", to: now.unixSeconds)
                .where(OutboundStatus.isClause(.sending)).where("claimed_until", .lessThan, now.unixSeconds).returning("id").all().count
        }
    }

    /// Messages to one phone, newest first. No index covers them all (only those still open): this
    /// reads the whole queue, for support and tests, never for the dispatcher.
    public func messages(to phone: String, limit: Int = 50) async throws -> [OutboundMessage] {
        try await database.withConnection { sql in
            try await sql.select().columns(OutboundMessage.columns).from("outbound_messages").where("phone", .equal, phone).orderBy("id", .descending)
                .limit(limit).all().map(OutboundMessage.init(row:))
        }
    }
}

extension Array {
    /// The elements in runs of at most `size`.
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
