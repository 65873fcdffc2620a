import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing, run on the blocking thread pool so it never stalls an event loop.
public struct PasswordHasher: Sendable {
    /// bcrypt cost factor (2^cost rounds).
    public let cost: UInt8

    /// Hash of a random password nobody knows, at the same cost as real hashes.
    private let decoyHash: String

    public init(cost: UInt8) {
        self.cost = cost
        self.decoyHash = Bcrypt.hash(SecretToken().value, cost: cost)
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Spends the time of one verification when there is no account to check, so a response
    /// time does not tell whether a username exists.
    func verifyAgainstDecoy(_ password: String) async throws {
        _ = try await verify(password, hash: decoyHash)
    }
}
