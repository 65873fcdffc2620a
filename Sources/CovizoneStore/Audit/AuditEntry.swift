import Foundation
import SQLKit

/// One read or export of personal data, or another act worth answering for later.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var id: Int64
    public var occurredAt: Date
    /// The account that acted, if it was an account (the CLI acts as the operating-system user).
    public var actorUserID: Int64?
    /// Who acted, as shown to readers of the log: `username` or `cli:<os user>`.
    public var actor: String
    /// What was done, dotted: `users.list`, `audit.read`, `declarations.export`.
    public var action: String
    /// What it was done to: a table and a filter, or a record id.
    public var subject: String
    /// The province whose data was touched, if one.
    public var provinceCode: String?
    public var requestID: String?
    public var remoteAddress: String?
    /// Free detail, such as the number of records returned.
    public var detail: String?

    public init(
        id: Int64 = 0, occurredAt: Date, actorUserID: Int64?, actor: String, action: String, subject: String,
        provinceCode: String? = nil, requestID: String? = nil, remoteAddress: String? = nil, detail: String? = nil
    ) {
        self.id = id
        self.occurredAt = occurredAt
        self.actorUserID = actorUserID
        self.actor = actor
        self.action = action
        self.subject = subject
        self.provinceCode = provinceCode
        self.requestID = requestID
        self.remoteAddress = remoteAddress
        self.detail = detail
    }

    init(row: any SQLRow) throws {
        self.init(
            id: try row.decode(column: "id", as: Int64.self),
            occurredAt: try row.date("occurred_at"),
            actorUserID: try row.optionalInt64("actor_user_id"),
            actor: try row.decode(column: "actor", as: String.self),
            action: try row.decode(column: "action", as: String.self),
            subject: try row.decode(column: "subject", as: String.self),
            provinceCode: try row.optionalString("province_code"),
            requestID: try row.optionalString("request_id"),
            remoteAddress: try row.optionalString("remote_address"),
            detail: try row.optionalString("detail")
        )
    }
}
