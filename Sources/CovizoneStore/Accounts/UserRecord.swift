import CovizoneCore
import Foundation
import SQLKit

/// A stored account.
public struct UserRecord: Sendable, Equatable {
    public var id: Int64
    public var username: String
    /// bcrypt hash of the password; never leaves the server.
    public var passwordHash: String
    public var role: Role
    /// Two-digit province code, or `nil` for a national account.
    public var provinceCode: String?
    public var createdAt: Date
    public var passwordChangedAt: Date
    public var details: AccountDetails
    /// Who created the account (nil for those made on the command line or at first start).
    public var createdBy: String?
    /// When it was disabled; a disabled account cannot sign in.
    public var disabledAt: Date?

    /// The hash an account has until its person sets a password: no password matches it.
    public static let noPassword = "!"

    /// Whether the account may sign in: enabled, with a password set.
    public var canSignIn: Bool { disabledAt == nil && passwordHash != Self.noPassword }

    /// Role and province together: what this account may reach.
    public var scope: AccountScope { AccountScope(role: role, provinceCode: provinceCode) }

    init(row: any SQLRow, prefix: String = "") throws {
        id = try row.decode(column: prefix + "id", as: Int64.self)
        username = try row.decode(column: prefix + "username", as: String.self)
        passwordHash = try row.decode(column: prefix + "password_hash", as: String.self)
        let roleName = try row.decode(column: prefix + "role", as: String.self)
        guard let role = Role(rawValue: roleName) else {
            throw StoreError.invalidConfiguration("user \(username) has unknown role \(roleName)")
        }
        self.role = role
        provinceCode = try row.optionalString(prefix + "province_code")
        createdAt = try row.date(prefix + "created_at")
        passwordChangedAt = try row.date(prefix + "password_changed_at")
        details = AccountDetails(
            stored: try row.optionalString(prefix + "display_name"), phone: try row.optionalString(prefix + "phone"),
            orgUnitID: try row.optionalString(prefix + "org_unit_id")
        )
        createdBy = try row.optionalString(prefix + "created_by")
        disabledAt = try row.optionalInt64(prefix + "disabled_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// Columns in the order ``init(row:prefix:)`` reads them.
    static let columns = [
        "id", "username", "password_hash", "role", "province_code", "created_at", "password_changed_at", "display_name", "phone", "org_unit_id",
        "created_by", "disabled_at",
    ]
}
