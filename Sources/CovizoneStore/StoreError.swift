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
    /// Every connection stayed busy for as long as a request may wait for one: the store is
    /// overloaded for now, and the request may be tried again.
    case busy
    /// A stored row holds what this build cannot read (such as an unknown status).
    case corrupt(String)

    public var description: String {
        switch self {
        case .duplicate(let what): "\(what) already exists"
        case .notFound(let what): "\(what) does not exist"
        case .invalidConfiguration(let reason): reason
        case .schemaTooNew(let stored, let known):
            "the database schema is at version \(stored), newer than this build knows (\(known)); upgrade Covizone"
        case .busy: "every database connection is busy"
        case .corrupt(let reason): "a stored row is unreadable: \(reason)"
        }
    }
}
