import CovizoneCore
import CovizoneStore

/// What a server does on start before it takes requests: the first administrator and, on request,
/// the demo accounts. Passwords are random and shown once through `announce`.
struct FirstStart: Sendable {
    let accounts: AccountAdministration
    let users: UserRepository

    /// Demo accounts, one per role (two facility managers and two hospitals, one per demo city), with the province each is bound to.
    static let demoAccounts: [(username: String, role: Role, province: String?)] = [
        ("demo-ministry", .ministryAdmin, nil),
        ("demo-province", .provinceOfficer, "01"),
        ("demo-health", .healthAuthority, "79"),
        ("demo-venue", .venueOwner, "01"),
        ("demo-facility", .facilityManager, "79"),
        ("demo-facility-hn", .facilityManager, "01"),
        ("demo-unit", .reportingUnit, "01"),
        ("demo-telecom", .telecomOperator, nil),
        ("demo-border", .borderOfficer, "37"),
        ("demo-hospital", .healthFacility, "01"),
        ("demo-hospital-hcm", .healthFacility, "79"),
    ]

    /// Creates `admin` when the store has no account at all.
    func ensureAdministrator(announce: (String) -> Void) async throws {
        guard try await users.count() == 0 else { return }
        let password = AccountAdministration.randomPassword()
        try await accounts.add(username: "admin", password: password, role: .ministryAdmin, provinceCode: nil)
        announce("Created the first account. Sign in as admin with password \(password) — it is shown only this once.")
    }

    /// Creates the demo accounts that do not exist yet.
    func seedDemo(announce: (String) -> Void) async throws {
        var created: [String] = []
        for account in Self.demoAccounts where try await users.find(username: account.username) == nil {
            let password = AccountAdministration.randomPassword()
            try await accounts.add(username: account.username, password: password, role: account.role, provinceCode: account.province)
            created.append("  \(account.username) (\(account.role.rawValue)\(account.province.map { ", province \($0)" } ?? "")): \(password)")
        }
        if created.isEmpty {
            announce("Demo accounts already exist; their passwords were shown when they were created (change one with `covizone user set-password`).")
        } else {
            announce((["Demo accounts (passwords shown only this once):"] + created).joined(separator: "\n"))
        }
    }
}
