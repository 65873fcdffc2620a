import CovizoneCore

/// The one place that decides whether the signed-in account may do something.
extension AppRequestContext {
    /// The principal when it holds one of `roles`: 401 when nobody is signed in, 403 for another role.
    func authorize(_ roles: Set<Role>) throws -> Principal {
        guard let identity else { throw APIError.unauthenticated }
        guard roles.contains(identity.user.role) else {
            throw APIError.forbidden("Role \(identity.user.role.rawValue) may not do this.")
        }
        return identity
    }

    /// As ``authorize(_:)``, and the account's province scope must cover `provinceCode`
    /// (`nil` asks for national data, which only national accounts may read).
    func authorize(_ roles: Set<Role>, province provinceCode: String?) throws -> Principal {
        let principal = try authorize(roles)
        let scope = principal.scope
        switch provinceCode {
        case .some(let code) where !scope.covers(provinceCode: code):
            throw APIError.forbidden("This account may only reach province \(scope.provinceCode ?? "-").")
        case .none where !scope.isNational:
            throw APIError.forbidden("This account may only reach province \(scope.provinceCode ?? "-"); name it.")
        default:
            return principal
        }
    }
}
