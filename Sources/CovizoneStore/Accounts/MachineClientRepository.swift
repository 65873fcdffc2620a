import Foundation
import SQLKit

/// A system's credentials for a facility account.
public struct MachineClientRecord: Sendable, Equatable {
    public var clientID: String
    public var secretHash: Data
    public var accountID: Int64
    public var createdBy: String
    public var createdAt: Date
    public var rotatedAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?

    static let columns = ["client_id", "secret_hash", "account_id", "created_by", "created_at", "rotated_at", "revoked_at", "last_used_at"]

    init(row: any SQLRow) throws {
        clientID = try row.decode(column: "client_id", as: String.self)
        secretHash = try row.decode(column: "secret_hash", as: Data.self)
        accountID = try row.decode(column: "account_id", as: Int64.self)
        createdBy = try row.decode(column: "created_by", as: String.self)
        createdAt = try row.date("created_at")
        rotatedAt = try row.optionalDate("rotated_at")
        revokedAt = try row.optionalDate("revoked_at")
        lastUsedAt = try row.optionalDate("last_used_at")
    }
}

/// Machine credentials (client id, secret hash) of facility accounts.
public struct MachineClientRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func create(clientID: String, secretHash: Data, accountID: Int64, by actor: String, at now: Date) async throws -> MachineClientRecord {
        try await database.withConnection { sql in
            guard let row = try await sql.insert(into: "machine_clients").columns("client_id", "secret_hash", "account_id", "created_by", "created_at")
                .values(SQLBind(clientID), SQLBind(secretHash), SQLBind(accountID), SQLBind(actor), SQLBind(now.unixSeconds))
                .returning(MachineClientRecord.columns.map { SQLColumn($0) }).first()
            else { throw StoreError.notFound("the new client") }
            return try MachineClientRecord(row: row)
        }
    }

    public func find(clientID: String) async throws -> MachineClientRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(MachineClientRecord.columns).from("machine_clients").where("client_id", .equal, clientID).first()
                .map(MachineClientRecord.init(row:))
        }
    }

    /// The clients of account `accountID`, oldest first.
    public func list(accountID: Int64) async throws -> [MachineClientRecord] {
        try await database.withConnection { sql in
            try await sql.select().columns(MachineClientRecord.columns).from("machine_clients").where("account_id", .equal, accountID).orderBy("id").all()
                .map(MachineClientRecord.init(row:))
        }
    }

    /// Replaces the secret of a client still in force; false when there is none.
    public func rotate(clientID: String, secretHash: Data, at now: Date) async throws -> Bool {
        try await database.withConnection { sql in
            try await sql.update("machine_clients").set("secret_hash", to: SQLBind(secretHash)).set("rotated_at", to: now.unixSeconds)
                .where("client_id", .equal, clientID).where("revoked_at", .is, SQLLiteral.null).returning("id").all().count == 1
        }
    }

    /// Revokes a client; false when there is none in force.
    public func revoke(clientID: String, at now: Date) async throws -> Bool {
        try await database.withConnection { sql in
            try await sql.update("machine_clients").set("revoked_at", to: now.unixSeconds).where("client_id", .equal, clientID)
                .where("revoked_at", .is, SQLLiteral.null).returning("id").all().count == 1
        }
    }

    public func markUsed(clientID: String, at now: Date) async throws {
        try await database.withConnection { sql in
            try await sql.update("machine_clients").set("last_used_at", to: now.unixSeconds).where("client_id", .equal, clientID).run()
        }
    }
}
