import Foundation
import SQLKit

/// An outbreak to declare.
public struct NewOutbreak: Sendable {
    public var venueID: Int64
    public var provinceCode: String
    public var from: Date
    public var to: Date
    public var message: String
    /// `low`, `medium` or `high`.
    public var severity: String
    public var declaredBy: Int64
    public var declaredAt: Date
    /// Visits overlapping `[from − buffer, to + buffer]` are exposed.
    public var buffer: TimeInterval

    public init(
        venueID: Int64, provinceCode: String, from: Date, to: Date, message: String, severity: String, declaredBy: Int64, declaredAt: Date,
        buffer: TimeInterval
    ) {
        self.venueID = venueID
        self.provinceCode = provinceCode
        self.from = from
        self.to = to
        self.message = message
        self.severity = severity
        self.declaredBy = declaredBy
        self.declaredAt = declaredAt
        self.buffer = buffer
    }
}

/// A declared outbreak and its exposed visits.
public struct OutbreakRecord: Sendable, Equatable {
    public var id: Int64
    public var venueID: Int64
    public var provinceCode: String
    public var from: Date
    public var to: Date
    public var message: String
    public var severity: String
    public var exposedVisits: Int
}

/// A warning waiting for the messaging layer.
public struct QueuedWarning: Sendable, Equatable {
    public var id: Int64
    public var outbreakID: Int64
    public var phone: String
    public var message: String
    public var status: String
    public var createdAt: Date
}

/// Outbreaks at venues and the warnings they queue.
public struct OutbreakRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Declares an outbreak in one transaction: finds the exposed visits (a visit without
    /// check-out lasts until its expected check-out) and queues `warning(for:)` for each phone once.
    public func declare(_ outbreak: NewOutbreak, warning: @Sendable (String) -> String) async throws -> OutbreakRecord {
        try await database.transaction { sql in
            let start = (outbreak.from - outbreak.buffer).unixSeconds
            let end = (outbreak.to + outbreak.buffer).unixSeconds
            let ends = SQLFunction("COALESCE", args: SQLColumn("checked_out_at"), SQLColumn("expected_checkout_at"))
            let exposed = try await sql.select().columns("id", "phone").from("visits").where("venue_id", .equal, outbreak.venueID)
                .where("checked_in_at", .lessThan, end).where(ends, .greaterThan, SQLBind(start)).all()
            let row = try await sql.insert(into: "outbreaks")
                .columns("venue_id", "province_code", "from_at", "to_at", "message", "severity", "exposed_visits", "declared_by", "declared_at")
                .values(
                    SQLBind(outbreak.venueID), SQLBind(outbreak.provinceCode), SQLBind(outbreak.from.unixSeconds), SQLBind(outbreak.to.unixSeconds),
                    SQLBind(outbreak.message), SQLBind(outbreak.severity), SQLBind(exposed.count), SQLBind(outbreak.declaredBy),
                    SQLBind(outbreak.declaredAt.unixSeconds)
                )
                .returning("id").first()
            let id = try row?.decode(column: "id", as: Int64.self) ?? 0
            let phones = Set(try exposed.compactMap { try $0.optionalString("phone") })
            for phone in phones.sorted() {
                try await sql.insert(into: "warning_queue").columns("outbreak_id", "phone", "message", "status", "created_at")
                    .values(SQLBind(id), SQLBind(phone), SQLBind(warning(phone)), SQLBind("queued"), SQLBind(outbreak.declaredAt.unixSeconds))
                    .run()
            }
            return OutbreakRecord(
                id: id, venueID: outbreak.venueID, provinceCode: outbreak.provinceCode, from: outbreak.from, to: outbreak.to,
                message: outbreak.message, severity: outbreak.severity, exposedVisits: exposed.count
            )
        }
    }

    /// Warnings queued for outbreaks of one province (or all), newest first.
    public func queuedWarnings(provinceCode: String?, limit: Int) async throws -> [QueuedWarning] {
        try await database.withConnection { sql in
            var query = sql.select()
                .column(SQLColumn("id", table: "warning_queue")).column(SQLColumn("outbreak_id", table: "warning_queue"))
                .column(SQLColumn("phone", table: "warning_queue")).column(SQLColumn("message", table: "warning_queue"))
                .column(SQLColumn("status", table: "warning_queue")).column(SQLColumn("created_at", table: "warning_queue"))
                .from("warning_queue").join("outbreaks", on: SQLColumn("outbreak_id", table: "warning_queue"), .equal, SQLColumn("id", table: "outbreaks"))
            if let provinceCode { query = query.where(SQLColumn("province_code", table: "outbreaks"), .equal, SQLBind(provinceCode)) }
            return try await query.orderBy(SQLOrderBy(expression: SQLColumn("id", table: "warning_queue"), direction: SQLDirection.descending)).limit(limit).all().map { row in
                QueuedWarning(
                    id: try row.decode(column: "id", as: Int64.self), outbreakID: try row.decode(column: "outbreak_id", as: Int64.self),
                    phone: try row.decode(column: "phone", as: String.self), message: try row.decode(column: "message", as: String.self),
                    status: try row.decode(column: "status", as: String.self), createdAt: try row.date("created_at")
                )
            }
        }
    }
}
