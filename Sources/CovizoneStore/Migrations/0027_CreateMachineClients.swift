import SQLKit

/// Machine credentials: a client id and the SHA-256 of its secret per system of a facility
/// account (OAuth 2.0 client credentials), rotatable and revocable.
struct CreateMachineClients: Migration {
    let version = 27
    let name = "machine clients"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "machine_clients")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("client_id", type: .text, .notNull, .unique)
            .column("secret_hash", type: .blob, .notNull)
            .column("account_id", type: .bigint, .notNull, .references("users", "id"))
            .column("created_by", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("rotated_at", type: .bigint)
            .column("revoked_at", type: .bigint)
            .column("last_used_at", type: .bigint)
            .run()
        try await sql.create(index: "machine_clients_account").on("machine_clients").column("account_id").run()
    }
}
