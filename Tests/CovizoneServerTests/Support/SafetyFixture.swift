import CovizoneCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A Hà Nội province officer, a facility manager and a health authority, signed in, and one
/// market registered by the officer for the manager.
struct SafetyFixture: Sendable {
    let officer: CampaignClient
    let manager: CampaignClient
    let health: CampaignClient
    let client: any TestClientProtocol
    let facilityID: Int

    nonisolated(unsafe) static let market: [String: Any] = [
        "name": "Chợ Hàng Da", "type": "market", "provinceCode": "01", "wardCode": "00070", "address": "Hàng Da, Hoàn Kiếm",
        "latitude": 21.0327, "longitude": 105.8471, "contactPhone": "0912345678", "managerUsername": "manager-hn",
    ]

    static func make(_ server: TestServer, _ client: any TestClientProtocol) async throws -> SafetyFixture {
        try await server.addAccount("officer-hn", role: .provinceOfficer, province: "01")
        try await server.addAccount("manager-hn", role: .facilityManager, province: "01")
        try await server.addAccount("health-hn", role: .healthAuthority, province: "01")
        let officer = try await signIn("officer-hn", client)
        let created = try await officer.send(.post, "/api/v1/safety/facilities", json: market)
        #expect(created.status == .created, "\(created.text)")
        return SafetyFixture(
            officer: officer, manager: try await signIn("manager-hn", client), health: try await signIn("health-hn", client), client: client,
            facilityID: try #require(try created.json()["id"] as? Int)
        )
    }

    private static func signIn(_ name: String, _ client: any TestClientProtocol) async throws -> CampaignClient {
        CampaignClient(client: client, token: try await client.token(username: name, password: "correct horse battery"))
    }

    /// The same accounts with new tokens, after the test clock moved past the old ones.
    func signedInAgain() async throws -> SafetyFixture {
        SafetyFixture(
            officer: try await Self.signIn("officer-hn", client), manager: try await Self.signIn("manager-hn", client),
            health: try await Self.signIn("health-hn", client), client: client, facilityID: facilityID
        )
    }

    /// The market's checklist items and version.
    func checklist() async throws -> (version: Int, items: [[String: Any]]) {
        let json = try await client.get("/api/v1/safety/checklists/market").json()
        return (try #require(json["version"] as? Int), try #require(json["items"] as? [[String: Any]]))
    }

    /// Every item done except `missed`.
    func answers(missing missed: Set<String> = []) async throws -> [String: Any] {
        let (version, items) = try await checklist()
        let answers = Dictionary(uniqueKeysWithValues: items.compactMap { $0["id"] as? String }.map { ($0, !missed.contains($0)) })
        return ["checklistVersion": version, "answers": answers, "commitment": true]
    }

    /// The manager's self-check of the market.
    func selfCheck(missing missed: Set<String> = []) async throws -> TestResponse {
        try await manager.send(.post, "/api/v1/safety/facilities/\(facilityID)/self-checks", json: try await answers(missing: missed))
    }

    /// The market as the public sees it.
    func facility() async throws -> [String: Any] {
        try await client.get("/api/v1/safety/facilities/\(facilityID)").json()
    }
}
