import CovizoneCore
import CovizoneStore
import Foundation

/// Machine credentials of facility accounts (OAuth 2.0 client credentials): a province officer
/// creates, rotates and revokes them for the facilities of its province; a facility's system
/// exchanges its client id and secret for a short-lived bearer token, every use audited. Only the
/// secret's SHA-256 is kept; the secret is shown once.
struct MachineClientService: Sendable {
    let clients: MachineClientRepository
    let users: UserRepository
    let sessions: SessionRepository
    let attempts: AttemptRepository
    let audit: AuditRecorder
    let clock: WallClock

    /// Who manages a facility's credentials.
    static let managers: Set<Role> = [.ministryAdmin, .provinceOfficer]
    /// How long a token from client credentials lasts.
    static let tokenLifetime: TimeInterval = 3600
    /// Wrong secrets within 15 minutes: at one client, and from one address at any.
    static let guessLimits = AttemptThrottle.Limits(perName: 10, perAddress: 20)
    static let guessWindow: TimeInterval = 15 * 60

    /// Credentials just made: the secret goes to the officer once.
    struct Issued: Sendable {
        var clientID: String
        var secret: String
        var record: MachineClientRecord
    }

    /// A token for a system.
    struct Token: Sendable {
        var value: String
        var expiresIn: Int
    }

    /// Why credentials are refused (told to the client as OAuth 2.0 errors).
    enum Refusal: Error, Equatable {
        case invalidClient
        case throttled(retryAfterSeconds: Int)
    }

    /// Why an officer's request about credentials cannot be done.
    enum ManagementError: Error, Equatable {
        case noFacility(accountID: Int64)
        case noClient(clientID: String)
        case outsideProvince(allowed: String)
    }

    func create(forAccount accountID: Int64, by principal: Principal, caller: Caller) async throws -> Issued {
        let account = try await facility(accountID, managedBy: principal)
        let clientID = "cvz-" + SecretToken().value.prefix(16).lowercased().filter { $0.isLetter || $0.isNumber }
        let secret = SecretToken()
        let record = try await clients.create(clientID: clientID, secretHash: secret.hash, accountID: account.id, by: principal.user.username, at: clock.now)
        try await audit.record("health.client.create", subject: "machine_client:\(clientID)", provinceCode: account.provinceCode, by: caller)
        return Issued(clientID: clientID, secret: secret.value, record: record)
    }

    func rotate(clientID: String, by principal: Principal, caller: Caller) async throws -> Issued {
        let (record, account) = try await managed(clientID, by: principal)
        let secret = SecretToken()
        guard try await clients.rotate(clientID: clientID, secretHash: secret.hash, at: clock.now) else { throw ManagementError.noClient(clientID: clientID) }
        try await audit.record("health.client.rotate", subject: "machine_client:\(clientID)", provinceCode: account.provinceCode, by: caller)
        return Issued(clientID: clientID, secret: secret.value, record: record)
    }

    func revoke(clientID: String, by principal: Principal, caller: Caller) async throws {
        let (_, account) = try await managed(clientID, by: principal)
        guard try await clients.revoke(clientID: clientID, at: clock.now) else { throw ManagementError.noClient(clientID: clientID) }
        try await audit.record("health.client.revoke", subject: "machine_client:\(clientID)", provinceCode: account.provinceCode, by: caller)
    }

    func list(forAccount accountID: Int64, by principal: Principal) async throws -> [MachineClientRecord] {
        try await clients.list(accountID: try await facility(accountID, managedBy: principal).id)
    }

    /// A bearer token for the system holding `clientID` and `secret`; counted against guessing, audited.
    func token(clientID: String, secret: String, from address: String, requestID: String) async throws -> Token {
        let now = clock.now
        let attempt = try await AttemptThrottle(attempts: attempts, window: Self.guessWindow)
            .attempt(name: "#client:" + String(clientID.prefix(64)), address: address, limits: Self.guessLimits, at: now)
        guard attempt.isAllowed else { throw Refusal.throttled(retryAfterSeconds: Int(Self.guessWindow)) }
        guard let record = try await clients.find(clientID: clientID), record.revokedAt == nil,
            SecretToken.constantTimeEquals(SecretToken(value: secret).hash.base64EncodedString(), record.secretHash.base64EncodedString()),
            let user = try await users.find(id: record.accountID), user.canSignIn
        else { throw Refusal.invalidClient }
        try await AttemptThrottle(attempts: attempts, window: Self.guessWindow).succeeded(attempt)
        let token = SecretToken()
        try await sessions.create(tokenHash: token.hash, userID: user.id, kind: .api, csrfToken: nil, at: now, expiresAt: now + Self.tokenLifetime)
        guard let (session, signedIn) = try await sessions.findActive(tokenHash: token.hash, kind: .api, at: now) else { throw Refusal.invalidClient }
        try await clients.markUsed(clientID: clientID, at: now)
        let caller = Caller(principal: Principal(user: signedIn, session: session), requestID: requestID, address: address)
        try await audit.record("health.client.token", subject: "machine_client:\(clientID)", provinceCode: user.provinceCode, by: caller)
        return Token(value: token.value, expiresIn: Int(Self.tokenLifetime))
    }

    /// The facility account `accountID` when `principal` manages its credentials.
    private func facility(_ accountID: Int64, managedBy principal: Principal) async throws -> UserRecord {
        guard let account = try await users.find(id: accountID), account.role == .healthFacility else {
            throw ManagementError.noFacility(accountID: accountID)
        }
        if let own = principal.scope.provinceCode, account.provinceCode != own {
            throw ManagementError.outsideProvince(allowed: own)
        }
        return account
    }

    private func managed(_ clientID: String, by principal: Principal) async throws -> (MachineClientRecord, UserRecord) {
        guard let record = try await clients.find(clientID: clientID) else { throw ManagementError.noClient(clientID: clientID) }
        return (record, try await facility(record.accountID, managedBy: principal))
    }
}
