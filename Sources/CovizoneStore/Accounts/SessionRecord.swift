import Foundation
import SQLKit

/// A signed-in session: a web session cookie or an API bearer token.
public struct SessionRecord: Sendable, Equatable {
    /// How the session was opened.
    public enum Kind: String, Sendable {
        case web
        case api
    }

    public var id: Int64
    public var kind: Kind
    public var userID: Int64
    /// Token that every form of a web session must carry (`nil` for API tokens).
    public var csrfToken: String?
    public var createdAt: Date
    public var expiresAt: Date

    init(row: any SQLRow) throws {
        id = try row.decode(column: "session_id", as: Int64.self)
        kind = Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .api
        userID = try row.decode(column: "user_id", as: Int64.self)
        csrfToken = try row.optionalString("csrf_token")
        createdAt = try row.date("session_created_at")
        expiresAt = try row.date("expires_at")
    }
}
