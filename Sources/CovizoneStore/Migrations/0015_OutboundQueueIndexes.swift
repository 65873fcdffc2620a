import SQLKit

/// Indexes of the outbound queue that a message's progress (queued → sending → submitted →
/// delivered) touches less. The queue, its rounds, the claims in flight and the messages by phone
/// are partial indexes holding only the rows whose status the dispatcher looks them up by (a row
/// enters one when its status does and leaves with it), so recording a submission or a receipt
/// updates no index but the keys'. The parts' SMSC ids lose their foreign key and their index by
/// message, which every part written paid for: parts are purged by age instead.
struct OutboundQueueIndexes: Migration {
    let version = 15
    let name = "partial indexes for the outbound queue, SMSC ids without a foreign key"

    func prepare(on sql: any SQLDatabase) async throws {
        for index in ["outbound_messages_queue", "outbound_messages_round", "outbound_messages_phone"] {
            try await sql.drop(index: index).run()
        }
        try await create("outbound_messages_queued", columns: ["channel", "priority", "id"], where: "status = 'queued'", on: sql)
        try await create("outbound_messages_queued_by_round", columns: ["round_id"], where: "status = 'queued'", on: sql)
        try await create("outbound_messages_sending", columns: ["claimed_until"], where: "status = 'sending'", on: sql)
        try await create(
            "outbound_messages_open_by_phone", columns: ["phone"], where: "status = 'queued' OR status = 'sending' OR status = 'unconfirmed'", on: sql
        )
        try await sql.create(table: "smsc_parts")
            .column("smsc", type: .text, .notNull)
            .column("smsc_id", type: .text, .notNull)
            .column("outbound_id", type: .bigint, .notNull)
            .column("state", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .primaryKey("smsc", "smsc_id")
            .run()
        try await sql.raw("INSERT INTO smsc_parts (smsc, smsc_id, outbound_id, state, created_at) SELECT smsc, smsc_id, outbound_id, state, created_at FROM smsc_messages").run()
        try await sql.drop(table: "smsc_messages").run()
        try await sql.alter(table: "smsc_parts").rename(to: "smsc_messages").run()
        try await sql.create(index: "smsc_messages_age").on("smsc_messages").column("created_at").run()
    }

    private func create(_ name: String, columns: [String], where predicate: String, on sql: any SQLDatabase) async throws {
        let builder = sql.create(index: name).on("outbound_messages")
        for column in columns { _ = builder.column(column) }
        builder.createIndex.predicate = SQLRaw(predicate)
        try await builder.run()
    }
}
