import Foundation
import SQLKit
import VenueCheckIn

/// An outbreak to declare.
public struct NewOutbreak: Sendable {
    public var venueID: Int64
    public var provinceCode: String
    public var from: Date
    public var to: Date
    public var message: String
    public var severity: OutbreakSeverity
    public var declaredBy: Int64
    public var declaredAt: Date
    /// Visits overlapping `[from − buffer, to + buffer]` are exposed.
    public var buffer: TimeInterval

    public init(
        venueID: Int64, provinceCode: String, from: Date, to: Date, message: String, severity: OutbreakSeverity, declaredBy: Int64, declaredAt: Date,
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
    public var severity: OutbreakSeverity
    /// Exposed visits found at declaration, plus late check-ins found since.
    public var exposedVisits: Int
    public var declaredBy: Int64
    public var declaredAt: Date
    /// Visits overlapping `[from − buffer, to + buffer]` are exposed.
    public var buffer: TimeInterval

    /// The window a visit must overlap to be exposed.
    public var exposureStart: Date { from - buffer }
    public var exposureEnd: Date { to + buffer }

    static let columns = [
        "id", "venue_id", "province_code", "from_at", "to_at", "message", "severity", "exposed_visits", "declared_by", "declared_at", "buffer_seconds",
    ]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        venueID = try row.decode(column: "venue_id", as: Int64.self)
        provinceCode = try row.decode(column: "province_code", as: String.self)
        from = try row.date("from_at")
        to = try row.date("to_at")
        message = try row.decode(column: "message", as: String.self)
        severity = try row.value("severity", as: OutbreakSeverity.self)
        exposedVisits = try row.decode(column: "exposed_visits", as: Int.self)
        declaredBy = try row.decode(column: "declared_by", as: Int64.self)
        declaredAt = try row.date("declared_at")
        buffer = TimeInterval(try row.decode(column: "buffer_seconds", as: Int64.self))
    }
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

    /// Declares an outbreak in one transaction: finds the exposed visits and queues
    /// `warning(visit)` for each phone once (its first exposed visit).
    public func declare(_ outbreak: NewOutbreak, warning: @Sendable (VisitRecord) -> String) async throws -> OutbreakRecord {
        try await database.transaction { sql in
            let exposed = try await VisitRepository.overlapping(
                venueID: outbreak.venueID, start: outbreak.from - outbreak.buffer, end: outbreak.to + outbreak.buffer, on: sql
            )
            let row = try await sql.insert(into: "outbreaks")
                .columns(
                    "venue_id", "province_code", "from_at", "to_at", "message", "severity", "exposed_visits", "declared_by", "declared_at",
                    "buffer_seconds"
                )
                .values(
                    SQLBind(outbreak.venueID), SQLBind(outbreak.provinceCode), SQLBind(outbreak.from.unixSeconds), SQLBind(outbreak.to.unixSeconds),
                    SQLBind(outbreak.message), SQLBind(outbreak.severity.rawValue), SQLBind(exposed.count), SQLBind(outbreak.declaredBy),
                    SQLBind(outbreak.declaredAt.unixSeconds), SQLBind(Int64(outbreak.buffer))
                )
                .returning(OutbreakRecord.columns.map { SQLColumn($0) }).first()
            guard let row else { throw StoreError.notFound("the new outbreak") }
            let record = try OutbreakRecord(row: row)
            var warned: Set<String> = []
            for visit in exposed {
                guard let phone = visit.phone, warned.insert(phone).inserted else { continue }
                try await Self.queue(warning(visit), to: phone, outbreakID: record.id, at: outbreak.declaredAt, on: sql)
            }
            return record
        }
    }

    /// For each of `visits`, in order, the outbreaks at its venue whose exposure window overlaps it:
    /// a check-in that arrives after the declaration (an offline phone, or an outbreak still
    /// running) is exposed too. One query for all of them.
    public func overlapping(_ visits: [VisitRecord]) async throws -> [[OutbreakRecord]] {
        guard let earliest = visits.map(\.checkedInAt).min() else { return [] }
        let candidates = try await database.withConnection { sql in
            let end = SQLBinaryExpression(SQLColumn("to_at"), .add, SQLColumn("buffer_seconds"))
            return try await sql.select().columns(OutbreakRecord.columns).from("outbreaks")
                .where(SQLColumn("venue_id"), .in, SQLGroupExpression(Set(visits.map(\.venueID)).sorted().map { SQLBind($0) }))
                .where(end, .greaterThan, SQLBind(earliest.unixSeconds))
                .orderBy("id").all().map { try OutbreakRecord(row: $0) }
        }
        let byVenue = Dictionary(grouping: candidates, by: \.venueID)
        return visits.map { visit in
            (byVenue[visit.venueID] ?? []).filter { $0.exposureStart < visit.endedAt && $0.exposureEnd > visit.checkedInAt }
        }
    }

    /// Counts a late exposed visit and queues its `warning` when given (once per phone and outbreak).
    public func addExposedVisit(_ visit: VisitRecord, to outbreak: OutbreakRecord, warning: String?, at now: Date) async throws {
        try await database.transaction { sql in
            try await sql.update("outbreaks").set("exposed_visits", to: SQLBinaryExpression(SQLColumn("exposed_visits"), .add, SQLLiteral.numeric("1")))
                .where("id", .equal, outbreak.id).run()
            guard let phone = visit.phone, let warning else { return }
            let already = try await sql.select().column("id").from("warning_queue").where("outbreak_id", .equal, outbreak.id)
                .where("phone", .equal, phone).first()
            if already == nil { try await Self.queue(warning, to: phone, outbreakID: outbreak.id, at: now, on: sql) }
        }
    }

    private static func queue(_ message: String, to phone: String, outbreakID: Int64, at time: Date, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "warning_queue").columns("outbreak_id", "phone", "message", "status", "created_at")
            .values(SQLBind(outbreakID), SQLBind(phone), SQLBind(message), SQLBind("queued"), SQLBind(time.unixSeconds)).run()
    }

    public func find(id: Int64) async throws -> OutbreakRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(OutbreakRecord.columns).from("outbreaks").where("id", .equal, id).first().map { try OutbreakRecord(row: $0) }
        }
    }

    /// Outbreaks newest first: of one venue, of one province, or all; declared at or after `since` when given.
    public func list(venueID: Int64? = nil, provinceCode: String? = nil, since: Date? = nil, limit: Int) async throws -> [OutbreakRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns(OutbreakRecord.columns).from("outbreaks")
            if let venueID { query = query.where("venue_id", .equal, venueID) }
            if let provinceCode { query = query.where("province_code", .equal, provinceCode) }
            if let since { query = query.where("to_at", .greaterThanOrEqual, since.unixSeconds) }
            return try await query.orderBy("id", .descending).limit(limit).all().map { try OutbreakRecord(row: $0) }
        }
    }

    /// Deletes warnings (they hold phone numbers) created before `cutoff`; the outbreaks stay as
    /// the venues' history. Returns how many.
    @discardableResult
    public func deleteWarnings(olderThan cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.delete(from: "warning_queue").where("created_at", .lessThan, cutoff.unixSeconds).returning("id").all().count
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
