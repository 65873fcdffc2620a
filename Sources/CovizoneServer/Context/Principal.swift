import CovizoneCore
import CovizoneStore

/// The signed-in account behind a request, and the session it came with.
public struct Principal: Sendable {
    public var user: UserRecord
    public var session: SessionRecord

    public var scope: AccountScope { user.scope }
}
