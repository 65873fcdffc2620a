import CovizoneStore
import Foundation

/// Limits attempts that are costly to allow without end, across every server instance: guesses
/// of a secret (a password, an upload code) and anonymous requests that make the server send a
/// text. An attempt is recorded before it is checked or acted on, so parallel attempts count as
/// soon as they start; a guess that proves right is forgotten, so only wrong ones use up a limit.
struct AttemptThrottle: Sendable {
    let attempts: AttemptRepository
    /// How far back attempts count.
    let window: TimeInterval

    /// The most attempts one window may hold. `perName`: at one name (an account; or, for what
    /// belongs to no account, every attempt, which makes it a global limit). `perAddress`: from one
    /// address at any name. `perNameAndAddress`: at this name from one address.
    struct Limits: Sendable {
        var perName: Int?
        var perAddress: Int?
        var perNameAndAddress: Int?
    }

    /// An attempt recorded, and whether it stays within the limits.
    struct Attempt: Sendable {
        let id: Int64
        let isAllowed: Bool
    }

    /// Records an attempt at `name` from `address`, then counts it with the others of the window.
    func attempt(name: String, address: String, limits: Limits, at now: Date) async throws -> Attempt {
        let counted = try await attempts.attempt(name: name, remoteAddress: address, at: now, since: now - window)
        let isAllowed = [(limits.perName, counted.byName), (limits.perAddress, counted.byAddress), (limits.perNameAndAddress, counted.byNameAndAddress)]
            .allSatisfy { limit, count in limit.map { count <= $0 } ?? true }
        return Attempt(id: counted.id, isAllowed: isAllowed)
    }

    /// Forgets an attempt that proved right.
    func succeeded(_ attempt: Attempt) async throws {
        try await attempts.forget(id: attempt.id)
    }
}
