import Foundation
import Messaging
import SQLKit

/// Delivery receipts: each settles its part, and a message once all its parts are settled;
/// receipts that arrive before their submission is recorded are held until it is.
extension OutboundQueueRepository {
    /// Applies a delivery receipt for the part the SMSC named `smscID`; false when no part has
    /// that id (yet: the receipt may outrun the record of its submission).
    public func applyReceipt(smsc: String, smscID: String, state: DeliveryState, error: String?, at now: Date) async throws -> Bool {
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
            for receipt in receipts where !receipt.state.isDelivered {
                if case .changed(let outboundID) = try await Self.mark(smsc: receipt.smsc, smscID: receipt.smscID, state: receipt.state, sql: sql) {
                    try await Self.settle(outboundID: outboundID, state: receipt.state, error: receipt.error, sql: sql, at: now)
                    applied += 1
                } else {
                    try await Self.hold(receipt, sql: sql)
                }
            }
            for (smsc, group) in Dictionary(grouping: receipts.filter(\.state.isDelivered), by: \.smsc) {
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
            try await sql.update("smsc_messages").set("state", to: DeliveryState.delivered.rawValue).where("smsc", .equal, smsc).where("smsc_id", .in, ids)
                .where("state", .notEqual, DeliveryState.delivered.rawValue).returning("smsc_id", "outbound_id").all()
                .map { (try $0.decode(column: "smsc_id", as: String.self), try $0.decode(column: "outbound_id", as: Int64.self)) }
        }
        var changed = try await update(ids)
        let updated = Set(changed.map(\.id))
        let rest = ids.filter { !updated.contains($0) }
        if !rest.isEmpty {
            // Recorded between the two statements (PostgreSQL reads each statement's own
            // snapshot): then the update goes again.
            let late = try await sql.select().column("smsc_id").from("smsc_messages").where("smsc", .equal, smsc).where("smsc_id", .in, rest)
                .where("state", .notEqual, DeliveryState.delivered.rawValue).all().map { try $0.decode(column: "smsc_id", as: String.self) }
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

    private static func apply(smsc: String, smscID: String, state: DeliveryState, error: String?, sql: any SQLDatabase, at now: Date) async throws -> Bool {
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

    private static func mark(smsc: String, smscID: String, state: DeliveryState, sql: any SQLDatabase) async throws -> PartMark {
        func update() async throws -> Int64? {
            try await sql.update("smsc_messages").set("state", to: state.rawValue).where("smsc", .equal, smsc).where("smsc_id", .equal, smscID)
                .where("state", .notEqual, state.rawValue).returning("outbound_id").first(decodingColumn: "outbound_id", as: Int64.self)
        }
        if let outboundID = try await update() { return .changed(outboundID: outboundID) }
        guard let recorded = try await sql.select().column("state").from("smsc_messages").where("smsc", .equal, smsc).where("smsc_id", .equal, smscID)
            .first(decodingColumn: "state", as: String.self)
        else { return .unknown }
        // The part may have been recorded between the two statements (PostgreSQL reads each
        // statement's own snapshot): then it still has the old state, and the update goes again.
        if DeliveryState(rawValue: recorded) != state, let outboundID = try await update() { return .changed(outboundID: outboundID) }
        return .unchanged
    }

    /// Keeps a receipt that changed no part (its submission may not be recorded yet, or a
    /// dispatcher stopped before recording it): kept in the store, since the SMSC will not send it
    /// again once answered.
    private static func hold(_ receipt: HeldReceipt, sql: any SQLDatabase) async throws {
        try await sql.insert(into: "unmatched_receipts").columns("smsc", "smsc_id", "phone", "state", "error", "received_at")
            .values(
                SQLBind(receipt.smsc), SQLBind(receipt.smscID), SQLBind(receipt.phone), SQLBind(receipt.state.rawValue), SQLBind(receipt.error),
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
                phone: try row.decode(column: "phone", as: String.self), state: DeliveryState(rawValue: try row.decode(column: "state", as: String.self)),
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

    private static func settle(outboundID: Int64, state: DeliveryState, error: String?, sql: any SQLDatabase, at now: Date) async throws {
        let open = [OutboundStatus.submitted.rawValue, OutboundStatus.unconfirmed.rawValue]
        if state.isDelivered {
            try await addDelivered(parts: 1, sql: sql, at: now).where("id", .equal, outboundID).run()
        } else if state.settlesAsFailure {
            let reason = "receipt " + state.rawValue + (error.map { " err:" + $0 } ?? "")
            try await sql.update("outbound_messages").set("status", to: OutboundStatus.failed.rawValue).set("reason", to: reason)
                .set("updated_at", to: now.unixSeconds).where("id", .equal, outboundID).where("status", .in, open).run()
        }
    }
}
