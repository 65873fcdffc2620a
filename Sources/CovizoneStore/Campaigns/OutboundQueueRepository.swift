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
                    insert = insert.values(SQLBind(part.smsc), SQLBind(part.id), SQLBind(part.outboundID), SQLBind("ACCEPTD"), SQLBind(now.unixSeconds))
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
                        .values(SQLBind(smsc), SQLBind(smscID), SQLBind(messageID), SQLBind("ACCEPTD"), SQLBind(now.unixSeconds))
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

    /// Applies a delivery receipt for the part the SMSC named `smscID`; false when no part has
    /// that id (yet: the receipt may outrun the record of its submission).
    public func applyReceipt(smsc: String, smscID: String, state: String, error: String?, at now: Date) async throws -> Bool {
        try await database.transaction { sql in
            try await Self.apply(smsc: smsc, smscID: smscID, state: state, error: error, sql: sql, at: now)
        }
    }

    /// Applies receipts in one transaction. One that changes no part is held
    /// for the held pass to decide: no record names its id yet, or the part it names has that
    /// state already, which is either the same receipt sent again or, from an SMSC that gives ids
    /// again, a receipt that outran the record of its new part. Delivered parts (nearly all) are
    /// marked a thousand at a statement. Returns how many were applied at once.
    @discardableResult
    public func applyReceipts(_ receipts: [HeldReceipt], at now: Date) async throws -> Int {
        guard !receipts.isEmpty else { return 0 }
        return try await database.transaction { sql in
            var applied = 0
            for receipt in receipts where receipt.state != "DELIVRD" {
                if case .changed(let outboundID) = try await Self.mark(smsc: receipt.smsc, smscID: receipt.smscID, state: receipt.state, sql: sql) {
                    try await Self.settle(outboundID: outboundID, state: receipt.state, error: receipt.error, sql: sql, at: now)
                    applied += 1
                } else {
                    try await Self.hold(receipt, sql: sql)
                }
            }
            for (smsc, group) in Dictionary(grouping: receipts.filter { $0.state == "DELIVRD" }, by: \.smsc) {
                for chunk in group.chunked(1_000) {
                    let changed = try await Self.markDelivered(smsc: smsc, ids: chunk.map(\.smscID), sql: sql, at: now)
                    for receipt in chunk where !changed.contains(receipt.smscID) { try await Self.hold(receipt, sql: sql) }
                    applied += changed.count
                }
            }
            return applied
        }
    }

    /// Marks parts delivered and settles their messages; returns the ids of the parts delivered now.
    private static func markDelivered(smsc: String, ids: [String], sql: any SQLDatabase, at now: Date) async throws -> Set<String> {
        func update(_ ids: [String]) async throws -> [(id: String, outboundID: Int64)] {
            try await sql.update("smsc_messages").set("state", to: "DELIVRD").where("smsc", .equal, smsc).where("smsc_id", .in, ids)
                .where("state", .notEqual, "DELIVRD").returning("smsc_id", "outbound_id").all()
                .map { (try $0.decode(column: "smsc_id", as: String.self), try $0.decode(column: "outbound_id", as: Int64.self)) }
        }
        var changed = try await update(ids)
        let updated = Set(changed.map(\.id))
        let rest = ids.filter { !updated.contains($0) }
        if !rest.isEmpty {
            // Recorded between the two statements (PostgreSQL reads each statement's own
            // snapshot): then the update goes again.
            let late = try await sql.select().column("smsc_id").from("smsc_messages").where("smsc", .equal, smsc).where("smsc_id", .in, rest)
                .where("state", .notEqual, "DELIVRD").all().map { try $0.decode(column: "smsc_id", as: String.self) }
            if !late.isEmpty { changed += try await update(late) }
        }
        var partsByMessage: [Int64: Int] = [:]
        for part in changed { partsByMessage[part.outboundID, default: 0] += 1 }
        for (count, messages) in Dictionary(grouping: partsByMessage.keys, by: { partsByMessage[$0]! }) {
            for chunk in messages.chunked(1_000) {
                try await addDelivered(parts: count, sql: sql, at: now).where("id", .in, chunk).run()
            }
        }
        return Set(changed.map(\.id))
    }

    /// Counts `parts` more parts delivered and settles the messages whose parts are now all
    /// delivered, in one statement (both engines read the row's old values on the right).
    private static func addDelivered(parts: Int, sql: any SQLDatabase, at now: Date) -> SQLUpdateBuilder {
        let open = "status IN ('\(OutboundStatus.submitted.rawValue)', '\(OutboundStatus.unconfirmed.rawValue)') AND parts_delivered + \(parts) >= parts"
        return sql.update("outbound_messages").set("parts_delivered", to: SQLRaw("parts_delivered + \(parts)")).set("updated_at", to: now.unixSeconds)
            .set("status", to: SQLRaw("CASE WHEN \(open) THEN '\(OutboundStatus.delivered.rawValue)' ELSE status END"))
            .set("reason", to: SQLRaw("CASE WHEN \(open) THEN NULL ELSE reason END"))
    }

    private static func apply(smsc: String, smscID: String, state: String, error: String?, sql: any SQLDatabase, at now: Date) async throws -> Bool {
        switch try await mark(smsc: smsc, smscID: smscID, state: state, sql: sql) {
        case .unknown: return false
        case .unchanged: return true
        case .changed(let outboundID):
            try await settle(outboundID: outboundID, state: state, error: error, sql: sql, at: now)
            return true
        }
    }

    /// A part's receipt state as recorded; a receipt the SMSC sends again changes nothing.
    private enum PartMark {
        case changed(outboundID: Int64)
        case unchanged
        case unknown
    }

    private static func mark(smsc: String, smscID: String, state: String, sql: any SQLDatabase) async throws -> PartMark {
        func update() async throws -> Int64? {
            try await sql.update("smsc_messages").set("state", to: state).where("smsc", .equal, smsc).where("smsc_id", .equal, smscID)
                .where("state", .notEqual, state).returning("outbound_id").first(decodingColumn: "outbound_id", as: Int64.self)
        }
        if let outboundID = try await update() { return .changed(outboundID: outboundID) }
        guard let recorded = try await sql.select().column("state").from("smsc_messages").where("smsc", .equal, smsc).where("smsc_id", .equal, smscID)
            .first(decodingColumn: "state", as: String.self)
        else { return .unknown }
        // The part may have been recorded between the two statements (PostgreSQL reads each
        // statement's own snapshot): then it still has the old state, and the update goes again.
        if recorded != state, let outboundID = try await update() { return .changed(outboundID: outboundID) }
        return .unchanged
    }

    /// Keeps a receipt that changed no part (its submission may not be recorded yet, or a
    /// dispatcher stopped before recording it): kept in the store, since the SMSC will not send it
    /// again once answered.
    private static func hold(_ receipt: HeldReceipt, sql: any SQLDatabase) async throws {
        try await sql.insert(into: "unmatched_receipts").columns("smsc", "smsc_id", "phone", "state", "error", "received_at")
            .values(
                SQLBind(receipt.smsc), SQLBind(receipt.smscID), SQLBind(receipt.phone), SQLBind(receipt.state), SQLBind(receipt.error),
                SQLBind(receipt.receivedAt.unixSeconds)
            ).run()
    }

    /// Applies the held receipts whose submission is now recorded. One held since before
    /// `settledBefore` (when every submission it could belong to had been recorded) settles the
    /// oldest unconfirmed message to its phone instead; it waits while a stopped dispatcher's
    /// lease still holds a message to that phone, and is dropped when there is none.
    /// Returns how many were applied.
    @discardableResult
    public func applyHeldReceipts(settledBefore cutoff: Date, at now: Date) async throws -> Int {
        let isPostgres = database.engine == .postgres
        let rows = try await database.withConnection { sql in
            try await sql.select().columns("id", "smsc", "smsc_id", "phone", "state", "error", "received_at").from("unmatched_receipts")
                .orderBy("id").limit(1_000).all()
        }
        var applied = 0
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            let receipt = HeldReceipt(
                smsc: try row.decode(column: "smsc", as: String.self), smscID: try row.decode(column: "smsc_id", as: String.self),
                phone: try row.decode(column: "phone", as: String.self), state: try row.decode(column: "state", as: String.self),
                error: try row.optionalString("error"), receivedAt: try row.date("received_at")
            )
            let settled: Bool? = try await database.transaction { sql in
                // Another instance may be applying the same row: it is held locked until that
                // commits, and then gone.
                var held = sql.select().column("id").from("unmatched_receipts").where("id", .equal, id)
                if isPostgres { held = held.lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED")) }
                guard try await held.first() != nil else { return nil }
                let target: Int64?
                switch try await Self.mark(smsc: receipt.smsc, smscID: receipt.smscID, state: receipt.state, sql: sql) {
                case .changed(let outboundID): target = outboundID
                case .unchanged:
                    // The same receipt again, dropped once every submission it could belong to is
                    // recorded, unless the id was given again to a message still being sent.
                    guard receipt.receivedAt.unixSeconds < cutoff.unixSeconds, try await !Self.isBeingSent(to: receipt.phone, sql: sql) else { return nil }
                    target = nil
                case .unknown:
                    guard receipt.receivedAt.unixSeconds < cutoff.unixSeconds else { return nil }
                    if let unconfirmed = try await Self.claimUnconfirmed(phone: receipt.phone, sql: sql) {
                        target = unconfirmed
                        break
                    }
                    // A message still held by a stopped dispatcher becomes unconfirmed when its lease ends.
                    if try await Self.isBeingSent(to: receipt.phone, sql: sql) { return nil }
                    // Its submission may have been recorded since the part was looked for (PostgreSQL
                    // reads each statement's own snapshot; a message leaves `sending` in the
                    // transaction that records its parts): look for the part once more before
                    // taking the receipt for one that belongs to nothing.
                    if case .changed(let outboundID) = try await Self.mark(smsc: receipt.smsc, smscID: receipt.smscID, state: receipt.state, sql: sql) {
                        target = outboundID
                    } else {
                        target = nil
                    }
                }
                if let target { try await Self.settle(outboundID: target, state: receipt.state, error: receipt.error, sql: sql, at: now) }
                try await sql.delete(from: "unmatched_receipts").where("id", .equal, id).run()
                return target != nil
            }
            if settled == true { applied += 1 }
        }
        return applied
    }

    /// The oldest unconfirmed message to `phone`, taken as the one a receipt without a record
    /// is about (all its parts then count as accepted).
    private static func claimUnconfirmed(phone: String, sql: any SQLDatabase) async throws -> Int64? {
        // Two receipts to one phone applied at once by two instances take turns on the message
        // (SQLite's dialect writes no lock; its writer lock already does this).
        guard let id = try await sql.select().column("id").from("outbound_messages").where("phone", .equal, phone)
            .where(OutboundStatus.isClause(.unconfirmed)).orderBy("id").for(.update).first(decodingColumn: "id", as: Int64.self)
        else { return nil }
        try await sql.update("outbound_messages").set("parts_accepted", to: SQLColumn("parts")).where("id", .equal, id).run()
        return id
    }

    private static func isBeingSent(to phone: String, sql: any SQLDatabase) async throws -> Bool {
        try await sql.select().column("id").from("outbound_messages").where("phone", .equal, phone)
            .where(OutboundStatus.isClause(.sending)).first() != nil
    }

    private static func settle(outboundID: Int64, state: String, error: String?, sql: any SQLDatabase, at now: Date) async throws {
        let open = [OutboundStatus.submitted.rawValue, OutboundStatus.unconfirmed.rawValue]
        if state == "DELIVRD" {
            try await addDelivered(parts: 1, sql: sql, at: now).where("id", .equal, outboundID).run()
        } else if ["EXPIRED", "DELETED", "UNDELIV", "REJECTD", "UNKNOWN"].contains(state) {
            let reason = "receipt " + state + (error.map { " err:" + $0 } ?? "")
            try await sql.update("outbound_messages").set("status", to: OutboundStatus.failed.rawValue).set("reason", to: reason)
                .set("updated_at", to: now.unixSeconds).where("id", .equal, outboundID).where("status", .in, open).run()
        }
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
