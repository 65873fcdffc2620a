import CovizoneCore
import CovizoneStore
import Foundation

/// Creating accounts and changing passwords with every rule applied; used by the CLI, the first
/// start and the demo seed.
public struct AccountAdministration: Sendable {
    let users: UserRepository
    let orgUnits: OrgUnitBinding
    let hasher: PasswordHasher
    let divisions: AdministrativeDivisions
    let clock: WallClock

    public init(database: Database, hasher: PasswordHasher, divisions: AdministrativeDivisions, clock: WallClock = .system) {
        self.init(users: UserRepository(database: database), orgUnits: OrgUnitRepository(database: database), hasher: hasher, divisions: divisions, clock: clock)
    }

    init(users: UserRepository, orgUnits: OrgUnitRepository, hasher: PasswordHasher, divisions: AdministrativeDivisions, clock: WallClock) {
        self.users = users
        self.orgUnits = OrgUnitBinding(units: orgUnits)
        self.hasher = hasher
        self.divisions = divisions
        self.clock = clock
    }

    /// Creates an account. Throws ``ValidationFailure`` listing every bad field, or
    /// ``StoreError/duplicate(_:)`` when the username is taken.
    @discardableResult
    public func add(
        username: String, password: String, role: Role, provinceCode: String?, details: AccountDetails = .empty
    ) async throws -> UserRecord {
        let province = provinceCode.map { divisions.province(code: $0)?.code ?? $0 }
        try ValidationFailure.check(
            AccountRules.problems(username: username) + AccountRules.problems(password: password)
                + AccountRules.problems(role: role, provinceCode: province, divisions: divisions)
                + (try await orgUnits.problems(orgUnitID: details.orgUnitID, role: role, provinceCode: province))
        )
        let hash = try await hasher.hash(password)
        return try await users.create(username: username, passwordHash: hash, role: role, provinceCode: province, details: details, createdBy: nil, at: clock.now)
    }

    /// Sets a new password and ends the account's sessions.
    public func setPassword(username: String, password: String) async throws {
        try ValidationFailure.check(AccountRules.problems(password: password))
        let hash = try await hasher.hash(password)
        try await users.setPasswordHash(username: username, passwordHash: hash, at: clock.now)
    }

    /// A random password of 20 characters without look-alikes (no 0/O, 1/l/I).
    public static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
