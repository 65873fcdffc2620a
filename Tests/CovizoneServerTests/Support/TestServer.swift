import CovizoneCore
@testable import CovizoneServer
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOConcurrencyHelpers
import NIOCore
import Testing

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current = NIOLockedValueBox(Date(timeIntervalSince1970: 1_800_000_000))

    var now: Date { current.withLockedValue { $0 } }
    var wallClock: WallClock { WallClock { self.now } }

    func advance(by seconds: TimeInterval) {
        current.withLockedValue { $0 += seconds }
    }
}

/// A Covizone server on a fresh store, driven in-process through the router.
struct TestServer: Sendable {
    let store: TestStore
    let clock: TestClock
    /// The first administrator's password, read from the start-up announcement.
    let adminPassword: String
    let configuration: ServerConfiguration
    /// What the server announced on start (passwords shown once, the demo world's summary).
    let announcements: [String]

    /// Runs `body` against a new server on `engine`; `framework` is `.router` (in-process) or `.live`.
    static func run(
        engine: TestEngine = .sqlite,
        framework: TestingSetup = .router,
        configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (TestServer, any TestClientProtocol) async throws -> Void
    ) async throws {
        let store = try await engine.makeStore()
        var configuration = ServerConfiguration()
        configuration.dataDirectory = store.dataDirectory
        configuration.databaseURL = store.databaseURL
        configuration.passwordHashCost = 4
        configuration.port = 0
        configuration.logLevel = .warning
        configuration.backgroundServices = false
        // Every request of a router test comes from one address: tests of other things must not
        // run into the per-address budgets (their own tests set them).
        configuration.addressLimits.checkIns = 1_000_000
        configuration.addressLimits.exposure = 1_000_000
        configuration.addressLimits.declarations = 1_000_000
        configuration.addressLimits.invitations = 1_000_000
        configuration.addressLimits.feedback = 1_000_000
        configuration.addressLimits.questions = 1_000_000
        configuration.addressLimits.lookUps = 1_000_000
        configuration.maximumOneTimeCodesPerAddress = 1_000_000
        configuration.misinformation.tipsPerAddressPerHour = 10_000
        configure(&configuration)
        let announcements = NIOLockedValueBox<[String]>([])
        let clock = TestClock()
        do {
            let app = try await buildApplication(configuration: configuration, clock: clock.wallClock) { message in
                announcements.withLockedValue { $0.append(message) }
            }
            let password = try #require(Self.password(in: announcements.withLockedValue { $0 }))
            let server = TestServer(
                store: store, clock: clock, adminPassword: password, configuration: configuration, announcements: announcements.withLockedValue { $0 }
            )
            try await app.test(framework) { client in
                try await body(server, client)
            }
        } catch {
            await store.remove()
            throw error
        }
        await store.remove()
    }

    static func password(in announcements: [String]) -> String? {
        for message in announcements {
            if let range = message.range(of: "with password ") {
                return message[range.upperBound...].split(separator: " ").first.map(String.init)
            }
        }
        return nil
    }

    /// The password announced for demo account `username` (with `--demo`).
    func demoPassword(of username: String) throws -> String {
        let line = announcements.flatMap { $0.split(separator: "\n") }.first { $0.hasPrefix("  \(username) (") }
        return try #require(line?.split(separator: " ").last.map(String.init), "no password announced for \(username)")
    }

    /// Creates an account directly in the store (as `covizone user add` would).
    func addAccount(_ username: String, role: Role, province: String?, password: String = "correct horse battery", details: AccountDetails = .empty) async throws {
        let database = try await Database.open(store.location, connectionsPerEventLoop: 1, logger: Logger(label: "test"))
        do {
            let accounts = AccountAdministration(database: database, hasher: PasswordHasher(cost: 4), divisions: try .bundled())
            try await accounts.add(username: username, password: password, role: role, provinceCode: province, details: details)
        } catch {
            try? await database.shutdown()
            throw error
        }
        try await database.shutdown()
    }
}

extension TestClientProtocol {
    /// `POST /api/v1/auth/token` and the token from a 201 answer.
    func token(username: String, password: String) async throws -> String {
        let response = try await postJSON("/api/v1/auth/token", ["username": username, "password": password])
        #expect(response.status == .created, "token request for \(username)")
        return try #require(try response.json()["token"] as? String)
    }

    func postJSON(_ uri: String, _ object: [String: Any], headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields: HTTPFields = [.contentType: "application/json"]
        fields.append(contentsOf: headers)
        let data = try JSONSerialization.data(withJSONObject: object)
        return try await execute(uri: uri, method: .post, headers: fields, body: ByteBuffer(bytes: data))
    }

    func get(_ uri: String, token: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        if let token { fields[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: .get, headers: fields)
    }
}

extension TestResponse {
    /// The body as a JSON object.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(buffer: body))
        return try #require(object as? [String: Any], "body is a JSON object: \(String(buffer: body))")
    }

    var text: String { String(buffer: body) }

    /// The body decoded as `type`, with the API's ISO 8601 dates: tests read answers as the
    /// domain's types, not as dictionaries.
    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(buffer: body))
    }

    /// The RFC 9457 problem of an error answer.
    var problem: ProblemDetails {
        get throws { try decode(ProblemDetails.self) }
    }

    /// The values of the `Set-Cookie` headers by cookie name.
    var setCookies: [String: String] {
        var cookies: [String: String] = [:]
        for field in headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";").first ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { cookies[String(parts[0])] = String(parts[1]) }
        }
        return cookies
    }
}
