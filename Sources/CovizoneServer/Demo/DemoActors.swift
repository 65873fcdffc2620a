import CovizoneCore
import CovizoneStore
import Foundation

/// The demo accounts as the services see them when they act: each signed in with an API
/// session that lasts while the demo world is built, then closed.
struct DemoActors: Sendable {
    let ministry: Principal
    let province: Principal
    let health: Principal
    let venueOwner: Principal
    /// Manages the safety map's facilities in Hồ Chí Minh City.
    let facilityManager: Principal
    /// Manages the safety map's facilities in Hà Nội.
    let hanoiFacilityManager: Principal
    /// Bạch Mai hospital in Hà Nội and Chợ Rẫy in Hồ Chí Minh City.
    let hospital: Principal
    let hospitalHCM: Principal
    private let tokens: [SecretToken]
    private let sessions: SessionRepository

    /// Opens a session for each demo account; throws when one is missing.
    static func signIn(users: UserRepository, sessions: SessionRepository, at now: Date) async throws -> DemoActors {
        var tokens: [SecretToken] = []
        func principal(_ username: String) async throws -> Principal {
            guard let user = try await users.find(username: username) else { throw DemoError.missingAccount(username) }
            let token = SecretToken()
            try await sessions.create(tokenHash: token.hash, userID: user.id, kind: .api, csrfToken: nil, at: now, expiresAt: now + 3600)
            guard let (session, signedIn) = try await sessions.findActive(tokenHash: token.hash, kind: .api, at: now) else {
                throw DemoError.missingAccount(username)
            }
            tokens.append(token)
            return Principal(user: signedIn, session: session)
        }
        return DemoActors(
            ministry: try await principal("demo-ministry"), province: try await principal("demo-province"), health: try await principal("demo-health"),
            venueOwner: try await principal("demo-venue"), facilityManager: try await principal("demo-facility"),
            hanoiFacilityManager: try await principal("demo-facility-hn"), hospital: try await principal("demo-hospital"),
            hospitalHCM: try await principal("demo-hospital-hcm"), tokens: tokens, sessions: sessions
        )
    }

    /// What `principal` does, as an audited caller.
    func caller(_ principal: Principal) -> Caller {
        Caller(principal: principal, requestID: "demo", address: "127.0.0.1")
    }

    /// Closes the sessions.
    func signOut() async throws {
        for token in tokens { try await sessions.delete(tokenHash: token.hash) }
    }
}

/// Why the demo world could not be built.
enum DemoError: Error, CustomStringConvertible {
    case missingAccount(String)
    case roundNotSent
    case notADemoStore(otherAccounts: [String])

    var description: String {
        switch self {
        case .missingAccount(let username): "the demo account \(username) does not exist"
        case .roundNotSent: "the demo campaign's round did not go out to the in-process SMSC"
        case .notADemoStore(let others) where others.isEmpty: "this store was never built as a demo: it is not emptied"
        case .notADemoStore(let others): "this store holds accounts besides the demo's (\(others.prefix(5).joined(separator: ", "))…): it is not emptied"
        }
    }
}
