import Foundation
import SQLKit

/// What a stored signing key is for.
public enum SigningKeyPurpose: String, Sendable {
    /// Signs key export files; phones hold the public key.
    case export
    /// Signs verification certificates; the key server checks them.
    case certificate
    /// Signs venue QR passes; phones hold the public key to check posters offline.
    case venue
}

/// A P-256 signing key kept in the database so that every instance signs with the same key.
public struct StoredSigningKey: Sendable, Equatable {
    public var id: Int64
    public var purpose: SigningKeyPurpose
    public var keyID: String
    public var keyVersion: String
    /// The raw 32-byte private scalar.
    public var privateKey: Data
    public var publicKeyPEM: String
    public var createdAt: Date
    /// After this the key no longer signs (it stays listed so phones can still check older files).
    public var retiresAt: Date?

    public init(
        id: Int64 = 0, purpose: SigningKeyPurpose, keyID: String, keyVersion: String, privateKey: Data, publicKeyPEM: String,
        createdAt: Date, retiresAt: Date? = nil
    ) {
        self.id = id
        self.purpose = purpose
        self.keyID = keyID
        self.keyVersion = keyVersion
        self.privateKey = privateKey
        self.publicKeyPEM = publicKeyPEM
        self.createdAt = createdAt
        self.retiresAt = retiresAt
    }

    /// Whether the key signs at `now`.
    public func isActive(at now: Date) -> Bool { retiresAt.map { now < $0 } ?? true }

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        let purposeText = try row.decode(column: "purpose", as: String.self)
        guard let purpose = SigningKeyPurpose(rawValue: purposeText) else { throw StoreError.notFound("signing key purpose \(purposeText)") }
        self.purpose = purpose
        keyID = try row.decode(column: "key_id", as: String.self)
        keyVersion = try row.decode(column: "key_version", as: String.self)
        privateKey = try row.decode(column: "private_key", as: Data.self)
        publicKeyPEM = try row.decode(column: "public_key_pem", as: String.self)
        createdAt = try row.date("created_at")
        retiresAt = try row.optionalInt64("retires_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}

/// Signing keys of the verification and key server.
public struct SigningKeyRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Every key of `purpose`, oldest first.
    public func all(_ purpose: SigningKeyPurpose) async throws -> [StoredSigningKey] {
        try await database.withConnection { sql in
            try await sql.select().columns("*").from("exposure_signing_keys").where("purpose", .equal, purpose.rawValue)
                .orderBy("id").all().map { try StoredSigningKey(row: $0) }
        }
    }

    /// Stores `key` unless one with the same purpose, id and version exists; returns whether it was stored.
    @discardableResult
    public func insert(_ key: StoredSigningKey) async throws -> Bool {
        try await database.withConnection { sql in
            try await Self.insertion(of: key, on: sql)
                .ignoringConflicts()
                .returning("id")
                .first() != nil
        }
    }

    /// Makes `key` the signing key of its purpose: stored, and every older active key retires at `retireOthersAt`.
    public func rotate(to key: StoredSigningKey, retireOthersAt: Date) async throws {
        try await database.transaction { sql in
            try await sql.update("exposure_signing_keys").set("retires_at", to: retireOthersAt.unixSeconds)
                .where("purpose", .equal, key.purpose.rawValue)
                .where { $0.where("retires_at", .is, SQLLiteral.null).orWhere("retires_at", .greaterThan, retireOthersAt.unixSeconds) }
                .run()
            try await Self.insertion(of: key, on: sql).run()
        }
    }

    /// Deletes keys of `purpose` that retired before `cutoff`.
    @discardableResult
    public func deleteRetired(before cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.delete(from: "exposure_signing_keys").where("retires_at", .lessThan, cutoff.unixSeconds).returning("id").all().count
        }
    }

    private static func insertion(of key: StoredSigningKey, on sql: any SQLDatabase) -> SQLInsertBuilder {
        sql.insert(into: "exposure_signing_keys")
            .columns("purpose", "key_id", "key_version", "private_key", "public_key_pem", "created_at", "retires_at")
            .values(
                SQLBind(key.purpose.rawValue), SQLBind(key.keyID), SQLBind(key.keyVersion), SQLBind(key.privateKey),
                SQLBind(key.publicKeyPEM), SQLBind(key.createdAt.unixSeconds), SQLBind(key.retiresAt?.unixSeconds)
            )
    }
}
