import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Logging

/// Checks a username and password and opens a session; shared by the login page and the token API.
/// Failed attempts are counted per account and per address in the database, so the limit holds
/// across every server instance.
struct LoginService: Sendable {
    let users: UserRepository
    let sessions: SessionRepository
    let failures: LoginFailureRepository
    let hasher: PasswordHasher
    let clock: WallClock
    let configuration: ServerConfiguration

    /// A session just opened: the secret goes to the client once.
    struct Opened: Sendable {
        var token: SecretToken
        var csrfToken: String?
        var expiresAt: Date
        var user: UserRecord
    }

    func login(username: String, password: String, remoteAddress: String, kind: SessionRecord.Kind, logger: Logger) async throws -> Opened {
        let now = clock.now
        // A name that no account can have is counted for its address only, and never stored as given.
        let isPlausible = AccountRules.problems(username: username).isEmpty
        let countedName = isPlausible ? username : "(invalid username)"
        let window = TimeInterval(configuration.loginThrottleWindow.components.seconds)
        let limits = AttemptThrottle.Limits(
            perName: isPlausible ? configuration.maximumFailedLoginsPerAccount : nil, perAddress: configuration.maximumFailedLoginsPerAddress
        )
        let attempt = try await AttemptThrottle(attempts: failures, window: window).attempt(name: countedName, address: remoteAddress, limits: limits, at: now)
        guard attempt.isAllowed else {
            logger.warning("login throttled", metadata: ["auth.username": "\(countedName)", "auth.address": "\(remoteAddress)"])
            throw APIError(.tooManyRequests, "Too many failed sign-ins. Try again later.", headers: [.retryAfter: String(Int(window))])
        }
        guard isPlausible, let user = try await users.find(username: username) else {
            try await hasher.verifyAgainstDecoy(password)
            try failed(countedName, remoteAddress: remoteAddress, logger: logger)
        }
        guard try await hasher.verify(password, hash: user.passwordHash) else {
            try failed(username, remoteAddress: remoteAddress, logger: logger)
        }
        try await failures.clear(username: username)
        let token = SecretToken()
        let csrfToken = kind == .web ? SecretToken().value : nil
        let lifetime = kind == .web ? configuration.sessionLifetime : configuration.tokenLifetime
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
        throw APIError(.unauthorized, "Wrong username or password.")
    }
}
