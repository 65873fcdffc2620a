import Foundation
import SQLKit

/// A stored version of the risk configuration, as JSON.
public struct StoredRiskConfiguration: Sendable, Equatable {
    public var version: Int
    public var json: String
    public var createdBy: Int64
    public var createdAt: Date

    public init(version: Int, json: String, createdBy: Int64, createdAt: Date) {
        self.version = version
        self.json = json
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// Versions of the risk configuration set by health authorities; the newest is served to phones.
public struct RiskConfigurationRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The newest version, if any was stored.
    public func latest() async throws -> StoredRiskConfiguration? {
        try await database.withConnection { sql in
            guard let row = try await sql.select().columns("version", "configuration", "created_by", "created_at")
                .from("exposure_risk_configurations").orderBy("version", .descending).limit(1).first()
            else { return nil }
            return StoredRiskConfiguration(
                version: try row.decode(column: "version", as: Int.self), json: try row.decode(column: "configuration", as: String.self),
                createdBy: try row.decode(column: "created_by", as: Int64.self), createdAt: try row.date("created_at")
            )
        }
    }

    /// Stores a new version; ``StoreError/duplicate(_:)`` when that version exists already.
    public func insert(_ configuration: StoredRiskConfiguration) async throws {
        try await database.withConnection { sql in
            let stored = try await sql.insert(into: "exposure_risk_configurations").columns("version", "configuration", "created_by", "created_at")
                .values(
                    SQLBind(configuration.version), SQLBind(configuration.json), SQLBind(configuration.createdBy),
                    SQLBind(configuration.createdAt.unixSeconds)
                )
                .ignoringConflicts().returning("version").first()
            guard stored != nil else { throw StoreError.duplicate("Risk configuration version \(configuration.version)") }
        }
    }
}
