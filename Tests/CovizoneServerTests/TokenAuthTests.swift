import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("API tokens")
struct TokenAuthTests {
    @Test("a token is issued for the right password and identifies the account", arguments: TestEngine.available)
    func tokenFlow(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let response = try await client.postJSON("/api/v1/auth/token", ["username": "admin", "password": server.adminPassword])
            #expect(response.status == .created)
            let body = try response.json()
            #expect(body["role"] as? String == "ministry-admin")
            let expiresAt = try #require(body["expiresAt"] as? String)
            #expect(ISO8601DateFormatter().date(from: expiresAt) == server.clock.now + 8 * 3600)
            let token = try #require(body["token"] as? String)
            let me = try await client.get("/api/v1/auth/me", token: token)
            #expect(me.status == .ok)
            #expect(try me.json()["username"] as? String == "admin")
        }
    }

    @Test("wrong password, unknown user and impossible usernames get the same 401", arguments: TestEngine.available)
    func wrongPassword(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { _, client in
            let wrong = try await client.postJSON("/api/v1/auth/token", ["username": "admin", "password": "not the password"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers[.contentType] == "application/problem+json")
            let unknown = try await client.postJSON("/api/v1/auth/token", ["username": "nobody", "password": "not the password"])
            #expect(unknown.status == .unauthorized)
            #expect(try wrong.json()["detail"] as? String == (try unknown.json()["detail"] as? String))
            let nul = try await client.postJSON("/api/v1/auth/token", ["username": "ad\u{0}min", "password": "x"])
            #expect(nul.status == .unauthorized, "a NUL byte is not a 500 on PostgreSQL")
            let huge = try await client.postJSON("/api/v1/auth/token", ["username": String(repeating: "x", count: 10_000), "password": "x"])
            #expect(huge.status == .unauthorized)
        }
    }

    @Test("missing, garbage, expired and revoked tokens are 401", arguments: TestEngine.available)
    func invalidTokens(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            #expect(try await client.get("/api/v1/auth/me").status == .unauthorized)
            let garbage = try await client.get("/api/v1/auth/me", token: "not-a-token")
            #expect(garbage.status == .unauthorized)
            #expect(garbage.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)

            let expiring = try await client.token(username: "admin", password: server.adminPassword)
            server.clock.advance(by: 8 * 3600 - 1)
            #expect(try await client.get("/api/v1/auth/me", token: expiring).status == .ok)
            server.clock.advance(by: 1)
            #expect(try await client.get("/api/v1/auth/me", token: expiring).status == .unauthorized, "expired")

            let revoked = try await client.token(username: "admin", password: server.adminPassword)
            let delete = try await client.execute(uri: "/api/v1/auth/token", method: .delete, headers: [.authorization: "Bearer \(revoked)"])
            #expect(delete.status == .noContent)
            #expect(try await client.get("/api/v1/auth/me", token: revoked).status == .unauthorized, "revoked")
        }
    }

    @Test("malformed JSON is a 400, a missing or mistyped field a 422 naming it")
    func badBodies() async throws {
        try await TestServer.run { _, client in
            let malformed = try await client.execute(
                uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{\"username\":")
            )
            #expect(malformed.status == .badRequest)
            #expect(malformed.headers[.contentType] == "application/problem+json")

            let missing = try await client.postJSON("/api/v1/auth/token", ["username": "admin"])
            #expect(missing.status == .unprocessableContent)
            let errors = try #require(try missing.json()["errors"] as? [[String: String]])
            #expect(errors == [["field": "password", "message": "is required"]])

            let mistyped = try await client.postJSON("/api/v1/auth/token", ["username": 42, "password": "x"])
            #expect(mistyped.status == .unprocessableContent)
            #expect((try mistyped.json()["errors"] as? [[String: String]])?.first?["field"] == "username")

            let empty = try await client.postJSON("/api/v1/auth/token", ["username": "", "password": ""])
            #expect((try empty.json()["errors"] as? [[String: String]])?.count == 2)

            let null = try await client.execute(
                uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "null")
            )
            #expect(null.status == .badRequest)

            let array = try await client.execute(
                uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "[]")
            )
            #expect(array.status == .badRequest)

            let form = try await client.execute(
                uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=admin")
            )
            #expect(form.status == .unsupportedMediaType)
        }
    }

    @Test("failed logins lock the account for the window, even for the right password", arguments: TestEngine.available)
    func throttling(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            for _ in 0..<5 {
                let attempt = try await client.postJSON("/api/v1/auth/token", ["username": "admin", "password": "guess guess guess"])
                #expect(attempt.status == .unauthorized)
            }
            let locked = try await client.postJSON("/api/v1/auth/token", ["username": "admin", "password": server.adminPassword])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] == "900")
            server.clock.advance(by: 15 * 60 + 1)
            let later = try await client.postJSON("/api/v1/auth/token", ["username": "admin", "password": server.adminPassword])
            #expect(later.status == .created)
        }
    }

    @Test("failed logins from one address are limited across accounts")
    func throttlingPerAddress() async throws {
        try await TestServer.run(configure: { $0.maximumFailedLoginsPerAddress = 3 }) { server, client in
            for name in ["a1x", "b2x", "c3x"] {
                #expect(try await client.postJSON("/api/v1/auth/token", ["username": name, "password": "x"]).status == .unauthorized)
            }
            let refused = try await client.postJSON("/api/v1/auth/token", ["username": "admin", "password": server.adminPassword])
            #expect(refused.status == .tooManyRequests)
        }
    }

    @Test("parallel guesses cannot get past the account limit")
    func parallelGuesses() async throws {
        try await TestServer.run { server, client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await client.postJSON("/api/v1/auth/token", ["username": "admin", "password": "parallel guess"]).status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count <= 5, "at most five passwords were checked")
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 7)
        }
    }
}
