import CovizoneCore
import CovizoneStore
import Foundation
import Logging

/// Officials' accounts: signing in (a username and password open a session, for the login page
/// and the token API alike) and out (the accounts themselves: ``AccountManagementService``).
/// Failed sign-ins are counted per account and per address in the database, so the limit holds
/// across every server instance.
struct AccountService: Sendable {
    let users: UserRepository
    let sessions: SessionRepository
    let failures: AttemptRepository
    let hasher: PasswordHasher
    let audit: AuditRecorder
    let clock: WallClock
    let settings: Settings

    /// The sign-in limits and how long sessions last.
    struct Settings: Sendable {
        var throttleWindow: Duration
        var maximumFailuresPerAccount: Int
        var maximumFailuresPerAddress: Int
        var sessionLifetime: Duration
        var tokenLifetime: Duration
    }

    /// A session just opened: the secret goes to the client once.
    struct Opened: Sendable {
        var token: SecretToken
        var csrfToken: String?
        var expiresAt: Date
        var user: UserRecord
    }

    /// Opens a session of `kind` when the pair matches and the limits allow another try.
    func signIn(username: String, password: String, remoteAddress: String, kind: SessionRecord.Kind, logger: Logger) async throws -> Opened {
        let now = clock.now
        // A name that no account can have is counted for its address only, and never stored as given.
        let isPlausible = AccountRules.problems(username: username).isEmpty
        let countedName = isPlausible ? username : "(invalid username)"
        let window = TimeInterval(settings.throttleWindow.components.seconds)
        let limits = AttemptThrottle.Limits(perName: isPlausible ? settings.maximumFailuresPerAccount : nil, perAddress: settings.maximumFailuresPerAddress)
        let attempt = try await AttemptThrottle(attempts: failures, window: window).attempt(name: countedName, address: remoteAddress, limits: limits, at: now)
        guard attempt.isAllowed else {
            logger.warning("login throttled", metadata: ["auth.username": "\(countedName)", "auth.address": "\(remoteAddress)"])
            throw AccountError.throttled(retryAfterSeconds: Int(window))
        }
        // An account disabled or still waiting for its person's password is refused like an unknown one.
        guard isPlausible, let user = try await users.find(username: username), user.canSignIn else {
            try await hasher.verifyAgainstDecoy(password)
            try failed(countedName, remoteAddress: remoteAddress, logger: logger)
        }
        guard try await hasher.verify(password, hash: user.passwordHash) else {
            try failed(username, remoteAddress: remoteAddress, logger: logger)
        }
        try await failures.clear(name: username)
        let token = SecretToken()
        let csrfToken = kind == .web ? SecretToken().value : nil
        let lifetime = kind == .web ? settings.sessionLifetime : settings.tokenLifetime
        let expiresAt = now + TimeInterval(lifetime.components.seconds)
        try await sessions.create(
            tokenHash: token.hash, userID: user.id, kind: kind, csrfToken: csrfToken, at: now, expiresAt: expiresAt
        )
        logger.info("signed in", metadata: ["auth.username": "\(username)", "auth.kind": "\(kind.rawValue)"])
        return Opened(token: token, csrfToken: csrfToken, expiresAt: expiresAt, user: user)
    }

    /// The attempt stays recorded; the caller learns only that the pair did not match.
    private func failed(_ username: String, remoteAddress: String, logger: Logger) throws -> Never {
        logger.notice("sign-in failed", metadata: ["auth.username": "\(username)", "auth.address": "\(remoteAddress)"])
        throw AccountError.wrongCredentials
    }

    /// Ends the session whose secret is `token`.
    func signOut(token: String) async throws {
        try await sessions.delete(tokenHash: SecretToken(value: token).hash)
    }
}
