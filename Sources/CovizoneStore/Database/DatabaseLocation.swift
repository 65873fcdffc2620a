import Foundation

/// Where Covizone keeps its data: an embedded SQLite file or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite database file (created when missing), used in WAL mode.
    case sqlite(path: String)
    /// A PostgreSQL server, given as `postgres://user:password@host:port/database`.
    case postgres(url: String)

    /// The SQLite file `covizone.sqlite` inside `dataDirectory` unless `databaseURL` is set.
    public static func resolve(databaseURL: String?, dataDirectory: String) -> DatabaseLocation {
        if let databaseURL, !databaseURL.isEmpty {
            return .postgres(url: databaseURL)
        }
        return .sqlite(path: URL(fileURLWithPath: dataDirectory).appendingPathComponent("covizone.sqlite").path)
    }

    /// A description safe for logs: the PostgreSQL password is masked.
    public var description: String {
        switch self {
        case .sqlite(let path):
            return "sqlite:\(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres:(unparsable url)" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres"
        }
    }
}
