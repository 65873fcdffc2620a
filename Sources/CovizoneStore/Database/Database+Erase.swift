import SQLKit

extension Database {
    /// Drops every table of the store, the migrations' record included, so that the next
    /// migration builds it again from nothing (`covizone demo --reset`; callers check first that
    /// the store holds nothing but demo data).
    public func dropAllTables() async throws {
        try await withConnection { sql in
            switch engine {
            case .sqlite:
                try await sql.raw("PRAGMA foreign_keys = OFF").run()
                let names = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
                    .map { try $0.decode(column: "name", as: String.self) }
                for name in names { try await sql.drop(table: name).ifExists().run() }
                try await sql.raw("PRAGMA foreign_keys = ON").run()
            case .postgres:
                let names = try await sql.raw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").all()
                    .map { try $0.decode(column: "tablename", as: String.self) }
                for name in names { try await sql.drop(table: name).ifExists().cascade().run() }
            }
        }
    }
}
