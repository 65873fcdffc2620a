/// The part of an account that decides what it may see: its role and, when bound, its province.
public struct AccountScope: Sendable, Equatable {
    public var role: Role
    /// Two-digit official province code, or `nil` for a national account.
    public var provinceCode: String?

    public init(role: Role, provinceCode: String?) {
        self.role = role
        self.provinceCode = provinceCode
    }

    /// Whether this account may act on data that belongs to `provinceCode`.
    /// National accounts reach every province; a provincial account only its own.
    public func covers(provinceCode other: String) -> Bool {
        guard let provinceCode else { return true }
        return provinceCode == other
    }

    /// Whether this account may act on data across all provinces at once.
    public var isNational: Bool { provinceCode == nil }
}
