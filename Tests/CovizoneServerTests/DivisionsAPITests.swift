import CovizoneCore
import ExposureNotification
import Foundation
import HummingbirdTesting
import Testing

@Suite("Divisions API")
struct DivisionsAPITests {
    @Test("provinces and wards come from the official list")
    func provincesAndWards() async throws {
        let divisions = try AdministrativeDivisions.bundled()
        try await TestServer.run { _, client in
            let provinces = try await client.get("/api/v1/divisions/provinces")
            #expect(provinces.status == .ok)
            let items = try #require(try provinces.json()["items"] as? [[String: Any]])
            #expect(items.count == 34)
            #expect(items.first?["code"] as? String == "01")
            #expect(items.first?["name"] as? String == "Thành phố Hà Nội")
            let wards = try await client.get("/api/v1/divisions/provinces/79/wards")
            let wardItems = try #require(try wards.json()["items"] as? [[String: Any]])
            #expect(wardItems.count == divisions.wards(inProvince: "79")?.count)
            #expect(wardItems.allSatisfy { $0["provinceCode"] as? String == "79" })
            let unpadded = try await client.get("/api/v1/divisions/provinces/1/wards")
            #expect(unpadded.status == .ok)
        }
    }

    @Test("an unknown province is a 404 problem")
    func unknownProvince() async throws {
        try await TestServer.run { _, client in
            let response = try await client.get("/api/v1/divisions/provinces/99/wards")
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try response.json()
            #expect(problem["status"] as? Int == 404)
            #expect(problem["instance"] as? String == "/api/v1/divisions/provinces/99/wards")
        }
    }
}

@Suite("Exposure API")
struct ExposureAPITests {
    @Test("the risk configuration is served as versioned, valid JSON")
    func riskConfiguration() async throws {
        try await TestServer.run { _, client in
            let response = try await client.get("/api/v1/exposure/risk-configuration")
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "public, max-age=3600")
            let configuration = try JSONDecoder().decode(RiskConfiguration.self, from: Data(buffer: response.body))
            #expect(configuration == .standard)
            #expect(configuration.problems().isEmpty)
            #expect(try response.json()["version"] as? Int == 1)
        }
    }
}
