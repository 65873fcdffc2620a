import CovizoneCore
@testable import CovizoneServer
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Exposure statistics")
struct ExposureStatisticsTests {
    @Test("uploads per day are shown from 10 on; codes per day are scoped to the province; batches are listed", arguments: TestEngine.available)
    func statistics(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("doh-hcm", role: .healthAuthority, province: "79")
            try await server.addAccount("doh-hn", role: .healthAuthority, province: "01")
            let officer = try await client.token(username: "doh-hcm", password: "correct horse battery")
            let other = try await client.token(username: "doh-hn", password: "correct horse battery")
            _ = try await server.issueCode(client, officer: other)
            func uploadsToday() async throws -> [String: Any] {
                let body = try await client.get("/api/v1/exposure/statistics", token: officer).json()
                return try #require((body["uploads"] as? [[String: Any]])?.first)
            }

            for published in 1...10 {
                let phone = ExposurePhone(client: client, days: 2, now: server.clock.now - 86_400)
                let code = try await server.issueCode(client, officer: officer)
                #expect(try await phone.publish(certificate: try await phone.certificate(code: code.short)).status == .ok)
                let today = try await uploadsToday()
                #expect(today["day"] as? String == "2027-01-15")
                if published < 10 {
                    #expect(today["uploads"] == nil, "\(published) uploads are not shown as a number")
                } else {
                    #expect(today["uploads"] as? Int == 10)
                    #expect(today["keys"] as? Int == 20)
                }
            }
            let statistics = try await client.get("/api/v1/exposure/statistics", token: officer).json()
            let codes = try #require((statistics["codes"] as? [[String: Any]])?.first)
            #expect(codes["issued"] as? Int == 10, "the other province's code is not counted")
            #expect(codes["used"] as? Int == 10)
            #expect((statistics["codes"] as? [Any])?.count == 14)

            server.clock.advance(by: 3 * 3600)
            _ = try await server.runExportCycle()
            let batches = try #require(try await client.get("/api/v1/exposure/statistics", token: officer).json()["batches"] as? [[String: Any]])
            #expect(batches.first?["keys"] as? Int == 20)
            #expect(batches.first?["files"] as? Int == 1)

            try await server.addAccount("venue", role: .venueOwner, province: "79")
            let venue = try await client.token(username: "venue", password: "correct horse battery")
            #expect(try await client.get("/api/v1/exposure/statistics", token: venue).status == .forbidden)
        }
    }

    @Test("the page shows the tables in Vietnamese, with small days hidden")
    func page() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("doh-page", role: .healthAuthority, province: "79")
            let session = try await WebPagesTests().signIn(client, username: "doh-page", password: "correct horse battery")
            let page = try await client.get("/exposure/statistics", headers: [.cookie: "covizone_session=\(session)"])
            #expect(page.status == .ok)
            #expect(page.text.contains("Thống kê cảnh báo tiếp xúc"))
            #expect(page.text.contains("dưới 10"))
            #expect(page.text.contains("id=\"codes-table\""))
            #expect(page.text.contains("Chưa có tệp xuất nào."))
        }
    }
}
