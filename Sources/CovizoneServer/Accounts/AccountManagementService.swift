import CovizoneCore
import CovizoneStore
import Foundation

/// Accounts that officers create for the people they work with: the ministry any, a province
/// officer those of its province in the roles ``AccountCreationRules`` allows. Nobody sets
/// another person's password: each account gets a one-time invitation link (texted when the
/// account has a phone) where its person sets it. Every creation, change and invitation is audited.
struct AccountManagementService: Sendable {
    let users: UserRepository
    let invitations: AccountInvitationRepository
    /// The audit log, read for an account's history.
    let log: AuditLogRepository
    /// Checks a reporting unit's organisation unit.
    let orgUnits: OrgUnitBinding
    let textMessages: TextMessageOutbox
    let hasher: PasswordHasher
    let audit: AuditRecorder
    let divisions: AdministrativeDivisions
    let clock: WallClock
    let publicHost: String

    /// The roles that manage accounts.
    static let managers: Set<Role> = [.ministryAdmin, .provinceOfficer]
    static let invitationLifetime: TimeInterval = 7 * 86_400

    /// A new account's fields as typed (the API's body, the form's fields, a CSV row).
    struct NewAccount: Sendable, Decodable {
        var username: String
        var role: String
        var provinceCode: String?
        var displayName: String?
        var phone: String?
        var orgUnitID: String?

        enum CodingKeys: String, CodingKey {
            case username, role, provinceCode, displayName, phone
            case orgUnitID = "orgUnitId"
        }
    }

    /// The link a person sets their password with, and when it stops working.
    struct Invitation: Sendable, Equatable {
        var url: String
        var expiresAt: Date
    }

    /// A new account's fields once checked.
    struct Checked: Sendable {
        var username: String
        var role: Role
        var provinceCode: String?
        var details: AccountDetails
    }

    /// The fields of `input` checked (every problem at once; a province officer's account is of
    /// its province when none is given, a reporting unit's unit one of that province), then whether
    /// `principal` may create such an account.
    func check(_ input: NewAccount, by principal: Principal) async throws -> Checked {
        var problems = AccountRules.problems(username: input.username)
        let role = Role(rawValue: input.role)
        if let role, !AccountCreationRules.creatableRoles(by: principal.user.role).contains(role) {
            throw AccountManagementError.notAllowed("a \(principal.user.role.rawValue) account cannot create \(role.rawValue) accounts")
        }
        if role == nil { problems.append(FieldError(field: "role", message: "must be one of " + Role.allCases.map(\.rawValue).joined(separator: ", "))) }
        // A province officer's accounts are of its province unless the row says otherwise.
        let typed = input.provinceCode.flatMap { $0.isEmpty ? nil : AdministrativeDivisions.canonicalCode($0, digits: 2) ?? $0 }
        let province = typed ?? principal.scope.provinceCode
        if let role { problems += AccountRules.problems(role: role, provinceCode: province, divisions: divisions).map { FieldError(field: "provinceCode", message: $0.message) } }
        var details: AccountDetails?
        do {
            details = try AccountDetails(displayName: input.displayName, phone: input.phone, orgUnitID: input.orgUnitID)
        } catch {
            problems += error.errors
        }
        if let role, let details {
            problems += try await orgUnits.problems(orgUnitID: details.orgUnitID, role: role, provinceCode: province)
        }
        try ValidationFailure.check(problems)
        guard let role, let details else { throw ValidationFailure(problems) }
        if let refusal = AccountCreationRules.refusal(role: role, provinceCode: province, by: principal.scope) {
            throw AccountManagementError.notAllowed(refusal)
        }
        return Checked(username: input.username, role: role, provinceCode: province, details: details)
    }

    /// Creates an account without a password and invites its person.
    func create(_ input: NewAccount, by principal: Principal, caller: Caller) async throws -> (account: UserRecord, invitation: Invitation) {
        let checked = try await check(input, by: principal)
        let account: UserRecord
        do {
            account = try await users.create(
                username: checked.username, passwordHash: UserRecord.noPassword, role: checked.role, provinceCode: checked.provinceCode,
                details: checked.details, createdBy: principal.user.username, at: clock.now
            )
        } catch StoreError.duplicate {
            throw AccountManagementError.usernameTaken(input.username)
        }
        try await audit.record(
            "accounts.create", subject: "users/\(account.id)", provinceCode: account.provinceCode, detail: "\(account.username) (\(account.role.rawValue))", by: caller
        )
        return (account, try await invite(account, by: principal, caller: caller))
    }

    /// The account with `id` if `principal` may see it: a national manager every one, a
    /// province officer those of its province. The read is audited.
    func account(_ id: Int64, for principal: Principal, caller: Caller) async throws -> UserRecord {
        guard let account = try await users.find(id: id), principal.scope.isNational || account.provinceCode == principal.scope.provinceCode else {
            throw AccountManagementError.notFound(id)
        }
        try await audit.record("accounts.read", subject: "users/\(id)", provinceCode: account.provinceCode, by: caller)
        return account
    }

    /// An account with what was done to it (the newest entries of the audit log about it) and
    /// its newest invitation's state; the read is audited.
    func dossier(_ id: Int64, for principal: Principal, caller: Caller) async throws
        -> (account: UserRecord, history: [AuditEntry], invitation: (expiresAt: Date, used: Bool)?)
    {
        let account = try await account(id, for: principal, caller: caller)
        return (account, try await log.list(subject: "users/\(id)", limit: 100), try await invitations.newest(userID: id))
    }

    /// Accounts matching `filter` that `principal` may see, oldest first; the read is audited.
    func accounts(_ filter: UserRepository.Filter, afterID: Int64?, limit: Int, for principal: Principal, caller: Caller) async throws -> [UserRecord] {
        var filter = filter
        if let own = principal.scope.provinceCode {
            guard filter.provinceCode == nil || filter.provinceCode == own else { throw AccountManagementError.notAllowed("a province officer lists the accounts of its province \(own) only") }
            filter.provinceCode = own
        }
        let records = try await users.list(filter, afterID: afterID, limit: limit)
        try await audit.record("users.list", subject: "users", provinceCode: filter.provinceCode, detail: "\(min(records.count, limit - 1)) accounts", by: caller)
        return records
    }

    /// What a change of an account says: each field left nil stays as it is.
    struct Change: Sendable, Decodable {
        var displayName: String?
        var phone: String?
        var orgUnitID: String?
        var disabled: Bool?

        enum CodingKeys: String, CodingKey {
            case displayName, phone, disabled
            case orgUnitID = "orgUnitId"
        }
    }

    /// Changes an account's details (checked as at creation) or disables (ending its sessions at
    /// once) or enables it.
    func update(_ id: Int64, _ change: Change, by principal: Principal, caller: Caller) async throws -> UserRecord {
        let account = try await managed(id, by: principal, caller: caller)
        if change.displayName != nil || change.phone != nil || change.orgUnitID != nil {
            let current = account.details
            let details = try AccountDetails(
                displayName: change.displayName ?? current.displayName, phone: change.phone ?? current.phone, orgUnitID: change.orgUnitID ?? current.orgUnitID
            )
            if details.orgUnitID != current.orgUnitID {
                try ValidationFailure.check(try await orgUnits.problems(orgUnitID: details.orgUnitID, role: account.role, provinceCode: account.provinceCode))
            }
            try await users.update(id: account.id, details: details)
            try await audit.record("accounts.update", subject: "users/\(id)", provinceCode: account.provinceCode, by: caller)
        }
        if let disabled = change.disabled, disabled != (account.disabledAt != nil) {
            try await users.setDisabled(id: account.id, disabled, at: clock.now)
            try await audit.record(disabled ? "accounts.disable" : "accounts.enable", subject: "users/\(id)", provinceCode: account.provinceCode, by: caller)
        }
        return try await users.find(id: id) ?? account
    }

    /// A new invitation for account `id`, with the account; its earlier ones stop working.
    func reinvite(_ id: Int64, by principal: Principal, caller: Caller) async throws -> (account: UserRecord, invitation: Invitation) {
        let account = try await managed(id, by: principal, caller: caller)
        return (account, try await invite(account, by: principal, caller: caller))
    }

    /// Sets the password of the account invited with `token`, once; returns the account.
    func accept(token: String, password: String, caller: Caller) async throws -> UserRecord {
        try ValidationFailure.check(AccountRules.problems(password: password))
        // bcrypt only for a token that can be used: a stranger's guesses cost a lookup each.
        let tokenHash = SecretToken(value: token).hash
        guard try await invitations.isLive(tokenHash: tokenHash, at: clock.now) else { throw AccountManagementError.invitationInvalid }
        let hash = try await hasher.hash(password)
        guard case .accepted(let account) = try await invitations.redeem(tokenHash: tokenHash, passwordHash: hash, at: clock.now) else {
            throw AccountManagementError.invitationInvalid
        }
        try await audit.record("accounts.invitation.accept", subject: "users/\(account.id)", provinceCode: account.provinceCode, detail: account.username, by: caller)
        return account
    }

    /// An account `principal` may change: one it could create.
    private func managed(_ id: Int64, by principal: Principal, caller: Caller) async throws -> UserRecord {
        let account = try await account(id, for: principal, caller: caller)
        if let refusal = AccountCreationRules.refusal(role: account.role, provinceCode: account.provinceCode, by: principal.scope) {
            throw AccountManagementError.notAllowed(refusal)
        }
        return account
    }

    private func invite(_ account: UserRecord, by principal: Principal, caller: Caller) async throws -> Invitation {
        let now = clock.now
        let token = SecretToken()
        let invitation = invitation(token, at: now)
        try await invitations.create(userID: account.id, tokenHash: token.hash, by: principal.user.username, at: now, expiresAt: invitation.expiresAt)
        try await send(invitation, to: account, caller: caller)
        return invitation
    }

    /// The link of `token`, issued `now`.
    func invitation(_ token: SecretToken, at now: Date) -> Invitation {
        Invitation(url: "https://\(publicHost)/invitation#\(token.value)", expiresAt: now + Self.invitationLifetime)
    }

    /// Texts the link when the account has a phone, and audits the invitation.
    func send(_ invitation: Invitation, to account: UserRecord, caller: Caller) async throws {
        if let phone = account.details.phone {
            try await textMessages.enqueue(
                "Covizone: tai khoan \(account.username) da duoc tao cho ban. Dat mat khau tai \(invitation.url) (het han sau 7 ngay).",
                to: phone, purpose: "invitation", at: clock.now, bodyInLog: false
            )
        }
        try await audit.record("accounts.invite", subject: "users/\(account.id)", provinceCode: account.provinceCode, detail: account.username, by: caller)
    }
}
