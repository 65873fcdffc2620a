@testable import CovizoneServer
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Communication reporting: the organisation-unit tree")
struct OrgUnitsAPITests {
    @Test("the ministry and every province exist from the start; officers add units under their province only; paths follow the tree", arguments: TestEngine.available)
    func tree(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            let roots = try #require(try await admin.send(.get, "/api/v1/reporting/org-units").json()["items"] as? [[String: Any]])
            #expect(roots.count == 1 && roots[0]["kind"] as? String == "ministry")
            let ministryID = try #require(roots[0]["id"] as? Int)
            let provinces = try #require(try await admin.send(.get, "/api/v1/reporting/org-units?parent=\(ministryID)&limit=200").json()["items"] as? [[String: Any]])
            #expect(provinces.count == 34 && provinces.allSatisfy { $0["kind"] as? String == "province" && ($0["path"] as? String)?.hasPrefix("/\(ministryID)/") == true })

            try await server.addAccount("officer-ls", role: .provinceOfficer, province: "20")
            try await server.addAccount("officer-hn", role: .provinceOfficer, province: "01")
            let officer = CampaignClient(client: client, token: try await client.token(username: "officer-ls", password: "correct horse battery"))
            let own = try #require(try await officer.send(.get, "/api/v1/reporting/org-units").json()["items"] as? [[String: Any]])
            #expect(own.count == 1 && own[0]["provinceCode"] as? String == "20", "an officer starts from its province")
            let provinceID = try #require(own[0]["id"] as? Int)
            let city = try await officer.send(.post, "/api/v1/reporting/org-units", json: ["name": "UBND thành phố Lạng Sơn", "kind": "district", "parentId": provinceID])
            #expect(city.status == .created, "\(city.text)")
            let cityID = try #require(try city.json()["id"] as? Int)
            #expect(try city.json()["path"] as? String == "/\(ministryID)/\(provinceID)/\(cityID)/" && city.json()["provinceCode"] as? String == "20")
            let ward = try await officer.send(.post, "/api/v1/reporting/org-units", json: ["name": "Phường Đông Kinh", "kind": "commune", "parentId": cityID])
            #expect(try ward.json()["path"] as? String == "/\(ministryID)/\(provinceID)/\(cityID)/\(try #require(try ward.json()["id"] as? Int))/")
            let children = try #require(try await officer.send(.get, "/api/v1/reporting/org-units?parent=\(provinceID)").json()["items"] as? [[String: Any]])
            #expect(children.map { $0["name"] as? String } == ["UBND thành phố Lạng Sơn"])

            let bad = try await officer.send(.post, "/api/v1/reporting/org-units", json: ["name": " ", "kind": "province", "parentId": provinceID])
            #expect(Set(try bad.problem.errors?.map(\.field) ?? []) == ["name", "kind"])
            let other = CampaignClient(client: client, token: try await client.token(username: "officer-hn", password: "correct horse battery"))
            #expect(try await other.send(.post, "/api/v1/reporting/org-units", json: ["name": "Báo Hà Nội Mới", "kind": "press", "parentId": cityID]).problem.errors?.map(\.field) == ["parentId"])
            #expect(try await other.send(.get, "/api/v1/reporting/org-units/\(cityID)").status == .notFound, "another province's units are not shown")
            #expect(try await officer.send(.post, "/api/v1/reporting/org-units", json: ["name": "Cục", "kind": "agency", "parentId": ministryID]).problem.errors?.map(\.field) == ["parentId"])
            #expect(try await admin.send(.post, "/api/v1/reporting/org-units", json: ["name": "Cục Báo chí", "kind": "agency", "parentId": ministryID]).status == .created)
            #expect(try await admin.send(.get, "/api/v1/reporting/org-units?parent=abc").status == .unprocessableContent)

            func importCSV(_ csv: String, parent: Int, as token: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/reporting/org-units/import?parent=\(parent)", method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: ByteBuffer(string: csv)
                )
            }
            let rejected = try await importCSV("name,kind,parent\nHuyện Cao Lộc,district,\nXã Gia Cát,commune,Huyện Khác\n,press,\n", parent: provinceID, as: officer.token)
            #expect(rejected.status == .unprocessableContent)
            #expect(Set(try rejected.problem.errors?.map(\.field) ?? []) == ["line 3: parent", "line 4: name"])
            let imported = try await importCSV("name,kind,parent\nHuyện Cao Lộc,district,\nXã Gia Cát,commune,Huyện Cao Lộc\nĐài PT-TH Lạng Sơn,broadcaster,\(cityID)\n", parent: provinceID, as: officer.token)
            #expect(imported.status == .created, "\(imported.text)")
            let items = try #require(try imported.json()["items"] as? [[String: Any]])
            let district = try #require(items.first?["id"] as? Int)
            #expect(items.map { $0["parentId"] as? Int } == [provinceID, district, cityID])
            #expect(try await importCSV("name,kind\nX,press\n", parent: cityID, as: other.token).status == .notFound, "another province's unit")
        }
    }

    @Test("the communication form is public: eight channels, three values each and the app's two, in Vietnamese and English")
    func forms() async throws {
        try await TestServer.run { _, client in
            let response = try await client.get("/api/v1/reporting/forms")
            #expect(response.status == .ok)
            let forms = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
            let form = try #require(forms.first)
            #expect(forms.count == 1 && form["id"] as? String == "communication" && form["version"] as? Int == 1)
            let elements = try #require(form["elements"] as? [[String: Any]])
            #expect(elements.count == 26 && elements.allSatisfy { $0["type"] as? String == "integer" })
            let reached = try #require(elements.first { $0["id"] as? String == "sms-zalo.reached" }?["name"] as? [String: String])
            #expect(reached["vi"]?.hasPrefix("Tin nhắn ZALO/SMS") == true && reached["en"]?.hasPrefix("Zalo and SMS messages") == true)
        }
    }
}
