import CovizoneCore
import CovizoneTestSupport
import ExposureNotification
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Risk configuration versions")
struct RiskConfigurationAPITests {
    func put(_ client: any TestClientProtocol, _ configuration: RiskConfiguration, token: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/exposure/risk-configuration", method: .put,
            headers: [.contentType: "application/json", .authorization: "Bearer \(token)"],
            body: ByteBuffer(bytes: try JSONEncoder().encode(configuration))
        )
    }

    @Test("a national health authority publishes a new version; phones get it; bad or older versions are refused", arguments: TestEngine.available)
    func versions(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("moh-risk", role: .healthAuthority, province: nil)
            try await server.addAccount("doh-risk", role: .healthAuthority, province: "79")
            let national = try await client.token(username: "moh-risk", password: "correct horse battery")
            let provincial = try await client.token(username: "doh-risk", password: "correct horse battery")
            let served = try JSONDecoder().decode(RiskConfiguration.self, from: Data(buffer: try await client.get("/api/v1/exposure/risk-configuration").body))
            #expect(served == .standard)

            var stricter = RiskConfiguration.standard
            stricter.version = 2
            stricter.attenuationWeights = [1.0, 0.3, 0, 0]
            #expect(try await put(client, stricter, token: provincial).status == .forbidden, "the configuration is national")
            #expect(try await put(client, stricter, token: national).status == .created)
            let updated = try JSONDecoder().decode(RiskConfiguration.self, from: Data(buffer: try await client.get("/api/v1/exposure/risk-configuration").body))
            #expect(updated == stricter)

            let same = try await put(client, stricter, token: national)
            #expect(same.status == .unprocessableContent)
            #expect((try same.json()["errors"] as? [[String: String]])?.first?["field"] == "version")
            var broken = stricter
            broken.version = 3
            broken.attenuationWeights = [1, 2]
            let invalid = try await put(client, broken, token: national)
            #expect(invalid.status == .unprocessableContent)
            #expect((try invalid.json()["errors"] as? [[String: String]])?.first?["message"]?.contains("attenuationWeights") == true)

            let admin = try await client.token(username: "admin", password: server.adminPassword)
            let audit = try #require(try await client.get("/api/v1/audit", token: admin).json()["items"] as? [[String: Any]])
            #expect(audit.contains { $0["action"] as? String == "exposure.risk.update" && $0["actor"] as? String == "moh-risk" })
        }
    }
}
