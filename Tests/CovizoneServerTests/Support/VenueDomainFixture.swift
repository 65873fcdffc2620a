@testable import CovizoneServer
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import Testing

/// The venue domain's services over a migrated store, as the composition root wires them, and
/// the accounts its tests act as: no server, no HTTP.
struct VenueDomainFixture {
    let database: Database
    let domain: VenueDomain
    let clock: TestClock
    let audit: AuditLogRepository

    /// Runs `body` with the venue domain over a new store on `engine`.
    static func run(engine: TestEngine, settings: VenueSettings = ServerConfiguration().venueSettings, _ body: (VenueDomainFixture) async throws -> Void)
        async throws
    {
        try await withMigratedDatabase(engine) { database in
            let clock = TestClock()
            let audit = AuditLogRepository(database: database)
            let domain = VenueDomain(
                database: database, audit: AuditRecorder(log: audit, clock: clock.wallClock), divisions: try AdministrativeDivisions.bundled(),
                clock: clock.wallClock, settings: settings
            )
            try await VenueKeyring(keys: SigningKeyRepository(database: database), clock: clock.wallClock).ensureKey()
            try await body(VenueDomainFixture(database: database, domain: domain, clock: clock, audit: audit))
        }
    }

    /// A signed-in account of `role` in `province`, as a request would carry it.
    func principal(_ username: String, role: Role, province: String?) async throws -> Principal {
        let user = try await UserRepository(database: database).create(username: username, passwordHash: "h", role: role, provinceCode: province, at: clock.now)
        let token = SecretToken()
        try await SessionRepository(database: database).create(
            tokenHash: token.hash, userID: user.id, kind: .api, csrfToken: nil, at: clock.now, expiresAt: clock.now + 3600
        )
        let (session, signedIn) = try #require(try await SessionRepository(database: database).findActive(tokenHash: token.hash, kind: .api, at: clock.now))
        return Principal(user: signedIn, session: session)
    }

    /// The caller `principal` makes requests as.
    func caller(_ principal: Principal) -> Caller {
        Caller(principal: principal, requestID: "test-request", address: "192.0.2.10")
    }

    /// A registration in Hà Nội's ward 00070.
    static func registration(_ name: String, type: String = "restaurant") -> VenueRegistration {
        VenueRegistration(
            name: name, type: type, provinceCode: "01", wardCode: "00070", address: "13 Lò Đúc", latitude: nil, longitude: nil, contactPhone: "0912000000"
        )
    }
}
