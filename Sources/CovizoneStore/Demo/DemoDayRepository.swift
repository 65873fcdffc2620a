import Foundation
import SQLKit

/// Which Vietnam days (`YYYY-MM-DD`) the demo world holds data for.
public struct DemoDayRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The days built so far, oldest first.
    public func days() async throws -> [String] {
        try await database.withConnection { sql in
            try await sql.select().column("day").from("demo_days").orderBy("day").all().map { try $0.decode(column: "day", as: String.self) }
        }
    }

    /// Records `day` as built.
    public func add(_ day: String, at now: Date) async throws {
        try await database.withConnection { sql in
            try await sql.insert(into: "demo_days").columns("day", "built_at").values(SQLBind(day), SQLBind(now.unixSeconds)).run()
        }
    }
}
