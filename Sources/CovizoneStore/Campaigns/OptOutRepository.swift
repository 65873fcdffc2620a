import Foundation
import SQLKit

/// Numbers that asked to receive no more campaign messages (by replying STOP, HUY or TU CHOI,
/// or through an officer). Single texts they asked for (one-time codes) still go to them.
public struct OptOutRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Adds `phone`; returns false when it was on the list already. Campaign messages still
    /// queued for it fail with the reason "opted out".
    @discardableResult
    public func add(phone: String, source: String, at now: Date) async throws -> Bool {
        try await database.transaction { sql in
            let added = try await sql.insert(into: "opt_outs").columns("phone", "source", "created_at")
                .values(SQLBind(phone), SQLBind(source), SQLBind(now.unixSeconds)).ignoringConflicts().returning("phone").all().count == 1
            try await sql.update("outbound_messages").set("status", to: OutboundStatus.failed.rawValue).set("reason", to: "opted out")
                .set("updated_at", to: now.unixSeconds).where("phone", .equal, phone).where(OutboundStatus.isClause(.queued))
                .where("round_id", .isNot, SQLLiteral.null).run()
            return added
        }
    }

    public func contains(_ phone: String) async throws -> Bool {
        try await database.withConnection { sql in
            try await sql.select().column("phone").from("opt_outs").where("phone", .equal, phone).first() != nil
        }
    }

    public func count() async throws -> Int {
        try await database.withConnection { sql in
            try await sql.select().column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).from("opt_outs")
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }
}
