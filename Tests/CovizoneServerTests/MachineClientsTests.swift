import CovizoneCore
@testable import CovizoneServer
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Machine credentials: a facility's system trades its client id and secret for a bearer token (OAuth 2.0 client credentials)")
struct MachineClientsTests {
    static func form(_ body: String, client: any TestClientProtocol, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        fields.append(contentsOf: headers)
        return try await client.execute(uri: "/api/v1/auth/client-token", method: .post, headers: fields, body: ByteBuffer(string: body))
    }

    @Test("a province officer issues credentials; the system gets a token that works on /fhir; rotation and revocation end the old secret; other provinces are refused", arguments: TestEngine.available)
    func credentials(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("bv-hn", role: .healthFacility, province: "01")
            try await server.addAccount("so-hn", role: .provinceOfficer, province: "01")
            try await server.addAccount("so-hcm", role: .provinceOfficer, province: "79")
            let officer = CampaignClient(client: client, token: try await client.token(username: "so-hn", password: "correct horse battery"))
            let users = try await officer.send(.get, "/api/v1/users?limit=200").json()["items"] as? [[String: Any]] ?? []
            let facilityID = try #require(users.first { $0["username"] as? String == "bv-hn" }?["id"] as? Int)
            let other = CampaignClient(client: client, token: try await client.token(username: "so-hcm", password: "correct horse battery"))
            #expect(try await other.send(.post, "/api/v1/health/facilities/\(facilityID)/clients").status == .forbidden)

            let issued = try await officer.send(.post, "/api/v1/health/facilities/\(facilityID)/clients")
            #expect(issued.status == .created)
            let credentials = try issued.json()
            let id = try #require(credentials["clientId"] as? String), secret = try #require(credentials["clientSecret"] as? String)
            let granted = try await Self.form("grant_type=client_credentials&client_id=\(id)&client_secret=\(secret)", client: client)
            #expect(granted.status == .ok && granted.headers[.cacheControl] == "no-store")
            let token = try granted.json()
            #expect(token["token_type"] as? String == "Bearer" && token["expires_in"] as? Int == 3600)
            let access = try #require(token["access_token"] as? String)
            let posted = try await HealthExchangeFHIRTests.post(try HealthExchangeFHIRTests.confirmedCase(), token: access, client: client)
            #expect(posted.status == .ok, "the token works on the FHIR endpoints")

            let basic = Data("\(id):\(secret)".utf8).base64EncodedString()
            #expect(try await Self.form("grant_type=client_credentials", client: client, headers: [.authorization: "Basic \(basic)"]).status == .ok, "HTTP Basic too")
            let json = try await client.postJSON("/api/v1/auth/client-token", ["grant_type": "client_credentials", "client_id": id, "client_secret": secret])
            #expect(json.status == .ok, "JSON accepted too")

            let wrong = try await Self.form("grant_type=client_credentials&client_id=\(id)&client_secret=nope", client: client)
            let wrongError = try wrong.json()["error"] as? String
            #expect(wrong.status == .unauthorized && wrongError == "invalid_client")
            let grant = try await Self.form("grant_type=password&client_id=\(id)&client_secret=\(secret)", client: client)
            let grantError = try grant.json()["error"] as? String
            #expect(grant.status == .badRequest && grantError == "unsupported_grant_type")

            let rotated = try await officer.send(.post, "/api/v1/health/clients/\(id)/rotate").json()
            let newSecret = try #require(rotated["clientSecret"] as? String)
            #expect(try await Self.form("grant_type=client_credentials&client_id=\(id)&client_secret=\(secret)", client: client).status == .unauthorized)
            #expect(try await Self.form("grant_type=client_credentials&client_id=\(id)&client_secret=\(newSecret)", client: client).status == .ok)
            #expect(try await officer.send(.delete, "/api/v1/health/clients/\(id)").status == .noContent)
            #expect(try await Self.form("grant_type=client_credentials&client_id=\(id)&client_secret=\(newSecret)", client: client).status == .unauthorized)
            let listed = try await officer.send(.get, "/api/v1/health/facilities/\(facilityID)/clients").json()["items"] as? [[String: Any]]
            #expect(listed?.first?["revokedAt"] as? String != nil && listed?.first?["lastUsedAt"] as? String != nil && listed?.first?["clientSecret"] == nil)

            let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            let audit = try await admin.send(.get, "/api/v1/audit?limit=100").json()["items"] as? [[String: Any]] ?? []
            let actions = Set(audit.compactMap { $0["action"] as? String })
            #expect(actions.isSuperset(of: ["health.client.create", "health.client.token", "health.client.rotate", "health.client.revoke"]))
        }
    }

    @Test("guessing a client's secret stops after ten wrong tries")
    func guessing() async throws {
        try await TestServer.run { _, client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<11 { statuses.append(try await Self.form("grant_type=client_credentials&client_id=cvz-nobody&client_secret=guess", client: client).status) }
            #expect(statuses.prefix(10).allSatisfy { $0 == .unauthorized } && statuses.last == .tooManyRequests)
        }
    }
}
