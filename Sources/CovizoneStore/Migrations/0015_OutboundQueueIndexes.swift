import SQLKit

/// Indexes of the outbound queue that a message's progress (queued → sending → submitted →
/// delivered) touches less. The queue, its rounds and the claims in flight are partial indexes
/// holding only the rows in that status (a row enters them once and leaves when its status
/// changes), and the index by phone leaves the status out; no index covers every status change.
struct OutboundQueueIndexes: Migration {
    let version = 15
    let name = "partial indexes for the outbound queue"

    func prepare(on sql: any SQLDatabase) async throws {
        for index in ["outbound_messages_queue", "outbound_messages_round", "outbound_messages_phone"] {
            try await sql.drop(index: index).run()
        }
        try await create("outbound_messages_queued", columns: ["channel", "priority", "id"], status: "queued", on: sql)
        try await create("outbound_messages_queued_by_round", columns: ["round_id"], status: "queued", on: sql)
        try await create("outbound_messages_sending", columns: ["claimed_until"], status: "sending", on: sql)
        try await sql.create(index: "outbound_messages_by_phone").on("outbound_messages").column("phone").run()
    }

    private func create(_ name: String, columns: [String], status: String, on sql: any SQLDatabase) async throws {
        let builder = sql.create(index: name).on("outbound_messages")
        for column in columns { _ = builder.column(column) }
        builder.createIndex.predicate = SQLRaw("status = '\(status)'")
        try await builder.run()
    }
}
