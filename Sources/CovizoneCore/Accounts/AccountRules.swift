/// Validation rules for accounts, shared by the CLI, the API and the web pages.
public enum AccountRules {
    /// Shortest password accepted for any account.
    public static let minimumPasswordLength = 12
    /// Longest password accepted: bcrypt reads at most 72 bytes.
    public static let maximumPasswordBytes = 72

    /// Problems with a username: 3 to 64 characters of `a-z`, `0-9`, `.`, `_`, `-`, starting with a letter or digit.
    public static func problems(username: String) -> [FieldError] {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard (3...64).contains(username.count) else {
            return [FieldError(field: "username", message: "must be 3 to 64 characters long")]
        }
        guard username.allSatisfy({ allowed.contains($0) }), let first = username.first, first.isLetter || first.isNumber else {
            return [FieldError(field: "username", message: "may hold only a-z, 0-9, '.', '_' and '-', starting with a letter or digit")]
        }
        return []
    }

    /// Problems with a new password.
    public static func problems(password: String) -> [FieldError] {
        if password.count < minimumPasswordLength {
            return [FieldError(field: "password", message: "must be at least \(minimumPasswordLength) characters long")]
        }
        if password.utf8.count > maximumPasswordBytes {
            return [FieldError(field: "password", message: "must be at most \(maximumPasswordBytes) bytes long")]
        }
        return []
    }

    /// Problems with binding an account of `role` to `provinceCode`, which must be a known province.
    public static func problems(role: Role, provinceCode: String?, divisions: AdministrativeDivisions) -> [FieldError] {
        switch (role.provinceScope, provinceCode) {
        case (.national, .some):
            return [FieldError(field: "province", message: "role \(role.rawValue) is national and takes no province")]
        case (.required, .none):
            return [FieldError(field: "province", message: "role \(role.rawValue) needs a province")]
        case (_, .some(let code)) where divisions.province(code: code) == nil:
            return [FieldError(field: "province", message: "unknown province code \(code)")]
        default:
            return []
        }
    }
}
