/// Failures of the storage layer that callers handle by kind.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// A row with the same unique key already exists (`what` names it for the user).
    case duplicate(String)
    /// The row to change does not exist.
    case notFound(String)
    /// The database settings are unusable.
    case invalidConfiguration(String)
    /// The stored schema is newer than this build knows: an older binary on a newer database.
    case schemaTooNew(stored: Int, known: Int)

    public var description: String {
        switch self {
        case .duplicate(let what): "\(what) already exists"
        case .notFound(let what): "\(what) does not exist"
        case .invalidConfiguration(let reason): reason
        case .schemaTooNew(let stored, let known):
            "the database schema is at version \(stored), newer than this build knows (\(known)); upgrade Covizone"
        }
    }
}
