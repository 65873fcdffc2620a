import CommunicationReporting
import SQLKit

/// The rows whose path column lies in the subtree of a unit (the unit included), written so that
/// each engine finds them with an index: a byte range on SQLite, whose indexes sort bytes
/// (every path of the subtree starts with `/1/7/`, so lies in [`/1/7/`, `/1/70`), `0` coming
/// right after `/`), and `LIKE '/1/7/%'` on PostgreSQL, whose `text_pattern_ops` indexes serve it
/// whatever the database's collation.
enum SubtreeFilter {
    static func within(_ column: String, _ path: OrgUnitPath, engine: Database.Engine) -> SQLQueryString {
        let prefix = path.description
        switch engine {
        case .sqlite: return "\(unsafeRaw: column) >= \(bind: prefix) AND \(unsafeRaw: column) < \(bind: String(prefix.dropLast()) + "0")"
        case .postgres: return "\(unsafeRaw: column) LIKE \(bind: prefix + "%")"
        }
    }
}
