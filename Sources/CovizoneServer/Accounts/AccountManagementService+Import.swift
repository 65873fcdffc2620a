import CovizoneCore
import CovizoneStore
import Foundation

extension AccountManagementService {
    /// An account created by an import, with its invitation.
    struct Imported: Sendable {
        var account: UserRecord
        var invitation: Invitation
    }

    /// Creates every account of the CSV `csv` with its invitation (texted to those with a
    /// phone), or none: any row with a problem — a bad field, a role or province `principal`
    /// may not create, a username repeated or taken — rejects the file with every problem.
    func importAccounts(csv: String, by principal: Principal, caller: Caller) async throws -> [Imported] {
        var errors: [AccountImport.RowError] = []
        var accepted: [Checked] = []
        var usernames = Set<String>()
        for (line, input) in try AccountImport.rows(in: csv) {
            do {
                let checked = try await check(input, by: principal)
                if !usernames.insert(checked.username).inserted {
                    errors.append(.init(line: line, field: "username", message: "repeats an earlier row's"))
                } else if try await users.find(username: checked.username) != nil {
                    errors.append(.init(line: line, field: "username", message: "is taken"))
                } else {
                    accepted.append(checked)
                }
            } catch let failure as ValidationFailure {
                errors += failure.errors.map { .init(line: line, field: $0.field, message: $0.message) }
            } catch AccountManagementError.notAllowed(let reason) {
                errors.append(.init(line: line, field: "role", message: reason))
            }
        }
        guard errors.isEmpty else { throw AccountManagementError.importRejected(errors) }
        let now = clock.now
        let tokens = accepted.map { _ in SecretToken() }
        let created: [UserRecord]
        do {
            created = try await invitations.createInvited(
                zip(accepted, tokens).map { checked, token in
                    .init(username: checked.username, role: checked.role, provinceCode: checked.provinceCode, details: checked.details, tokenHash: token.hash)
                },
                by: principal.user.username, at: now, expiresAt: now + Self.invitationLifetime
            )
        } catch StoreError.duplicate(let what) {
            throw AccountManagementError.importRejected([.init(line: 0, field: "username", message: "\(what) was created meanwhile")])
        }
        var imported: [Imported] = []
        for (account, token) in zip(created, tokens) {
            try await audit.record(
                "accounts.create", subject: "users/\(account.id)", provinceCode: account.provinceCode, detail: "\(account.username) (\(account.role.rawValue)), imported",
                by: caller
            )
            let invitation = invitation(token, at: now)
            try await send(invitation, to: account, caller: caller)
            imported.append(Imported(account: account, invitation: invitation))
        }
        return imported
    }
}
