@testable import CovizoneServer
import CovizoneCore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Official information: facilities, hotlines and announcements")
struct InformationDirectoryAPITests {
    static func facility(_ name: String, services: [String], ward: String = "00226", latitude: Double, longitude: Double, province: String = "01") -> [String: Any] {
        [
            "name": name, "services": services, "provinceCode": province, "wardCode": ward, "address": "\(name), Hà Nội", "latitude": latitude,
            "longitude": longitude, "phone": "024 3869 3731", "hours": "7:00–17:00",
        ]
    }

    @Test("facilities nearest first by great-circle distance, by service, by words without diacritics; a facility account keeps its own entry only", arguments: TestEngine.available)
    func facilities(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("officer-hn", role: .provinceOfficer, province: "01")
            let officer = CampaignClient(client: client, token: try await client.token(username: "officer-hn", password: "correct horse battery"))
            let places: [(String, [String], Double, Double)] = [
                ("Bệnh viện Bạch Mai", ["testing", "treatment"], 21.0005, 105.8406), ("Trạm y tế phường Hàng Bạc", ["testing", "vaccination"], 21.0340, 105.8530),
                ("Nhà thuốc Long Châu Cầu Giấy", ["pharmacy"], 21.0330, 105.7940), ("Bệnh viện Đức Giang", ["testing", "isolation"], 21.0652, 105.8957),
            ]
            var ids: [String: Int] = [:]
            for (name, services, latitude, longitude) in places {
                let created = try await officer.send(.post, "/api/v1/info/facilities", json: Self.facility(name, services: services, latitude: latitude, longitude: longitude))
                #expect(created.status == .created, "\(created.text)")
                ids[name] = try created.json()["id"] as? Int
            }
            let here = GeoPoint(longitude: 105.8542, latitude: 21.0285)
            let found = try #require(try await client.get("/api/v1/info/facilities?service=testing&near=21.0285,105.8542&limit=2").json()["items"] as? [[String: Any]])
            let expected = places.filter { $0.1.contains("testing") }.map { ($0.0, here.distanceKm(to: GeoPoint(longitude: $0.3, latitude: $0.2))) }.sorted { $0.1 < $1.1 }
            #expect(found.map { $0["name"] as? String } == expected.prefix(2).map(\.0))
            #expect(abs((found.first?["distanceKm"] as? Double ?? 0) - expected[0].1) < 0.01)
            let anything = try #require(try await client.get("/api/v1/info/facilities?near=21.0285,105.8542&limit=50").json()["items"] as? [[String: Any]])
            #expect(anything.count == 4, "a growing box finds all of them")
            let words = try #require(try await client.get("/api/v1/info/facilities?q=bach%20mai").json()["items"] as? [[String: Any]])
            #expect(words.map { $0["name"] as? String } == ["Bệnh viện Bạch Mai"])
            #expect(try await client.get("/api/v1/info/facilities?near=91,1").status == .unprocessableContent)
            #expect(try await client.get("/api/v1/info/facilities?service=dentist").status == .unprocessableContent)
            #expect(try await client.get("/api/v1/info/facilities?ward=99999").status == .unprocessableContent)

            let bad = try await officer.send(.post, "/api/v1/info/facilities", json: [
                "name": "", "services": ["x"], "provinceCode": "01", "wardCode": "26734", "address": "a", "latitude": 200, "longitude": 0, "phone": "abc",
            ])
            #expect(Set(try bad.problem.errors?.map(\.field) ?? []) == ["name", "services", "wardCode", "latitude", "phone"])
            #expect(try await officer.send(.post, "/api/v1/info/facilities", json: Self.facility("Chợ Rẫy", services: ["treatment"], ward: "26506", latitude: 10.757, longitude: 106.659, province: "79")).status == .forbidden)

            try await server.addAccount("bach-mai", role: .healthFacility, province: "01")
            try await server.addAccount("other-hospital", role: .healthFacility, province: "01")
            let bachMai = try #require(ids["Bệnh viện Bạch Mai"])
            let accounts = try #require(try await officer.send(.get, "/api/v1/users").json()["items"] as? [[String: Any]])
            let accountID = try #require(accounts.first { $0["username"] as? String == "bach-mai" }?["id"] as? Int)
            var linked = Self.facility("Bệnh viện Bạch Mai", services: ["testing", "treatment"], latitude: 21.0005, longitude: 105.8406)
            linked["accountId"] = accountID
            #expect(try await officer.send(.put, "/api/v1/info/facilities/\(bachMai)", json: linked).status == .ok)
            let hospital = CampaignClient(client: client, token: try await client.token(username: "bach-mai", password: "correct horse battery"))
            var update = linked
            update["capacity"] = ["bedsFree": 12]
            let updated = try await hospital.send(.put, "/api/v1/info/facilities/\(bachMai)", json: update)
            #expect(updated.status == .ok, "\(updated.text)")
            #expect((try await client.get("/api/v1/info/facilities/\(bachMai)").json()["capacity"] as? [String: Int]) == ["bedsFree": 12])
            let other = CampaignClient(client: client, token: try await client.token(username: "other-hospital", password: "correct horse battery"))
            #expect(try await other.send(.put, "/api/v1/info/facilities/\(bachMai)", json: update).status == .forbidden)
            #expect(try await client.get("/api/v1/info/facilities/999999").status == .notFound)
        }
    }

    @Test("the ministry's free hotlines are there from the start; officers add their province's; announcements by province and tag, withdrawn ones gone", arguments: TestEngine.available)
    func hotlinesAndAnnouncements(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let national = try #require(try await client.get("/api/v1/info/hotlines").json()["items"] as? [[String: Any]])
            #expect(national.map { $0["number"] as? String } == ["19009095", "19003228"] && national.allSatisfy { $0["free"] as? Bool == true })
            #expect(national.first?["tel"] as? String == "tel:19009095")
            try await server.addAccount("officer-hn", role: .provinceOfficer, province: "01")
            let officer = CampaignClient(client: client, token: try await client.token(username: "officer-hn", password: "correct horse battery"))
            let added = try await officer.send(.post, "/api/v1/info/hotlines", json: ["name": ["vi": "Sở Y tế Hà Nội"], "number": "0969 082 115", "provinceCode": "01", "free": false])
            #expect(added.status == .created)
            #expect(try added.json()["number"] as? String == "0969082115")
            #expect(try await officer.send(.post, "/api/v1/info/hotlines", json: ["name": ["vi": "Bộ"], "number": "1900", "free": true]).status == .forbidden)
            #expect((try await client.get("/api/v1/info/hotlines?province=79").json()["items"] as? [Any])?.count == 2)
            #expect((try await client.get("/api/v1/info/hotlines?province=01").json()["items"] as? [Any])?.count == 3)

            let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            let nationalNews = try await admin.send(.post, "/api/v1/info/announcements", json: [
                "title": ["vi": "Tiêm mũi nhắc lại", "en": "Booster doses"], "body": ["vi": "Từ 18 tuổi."], "tags": ["#ICT_anti_nCoV"], "priority": "high",
            ])
            #expect(nationalNews.status == .created, "\(nationalNews.text)")
            #expect(try nationalNews.json()["tags"] as? [String] == ["ICT_anti_nCoV"])
            let local = try await officer.send(.post, "/api/v1/info/announcements", json: ["title": ["vi": "Hà Nội: lấy mẫu"], "body": ["vi": "Cuối tuần."], "provinceCode": "01"])
            let localID = try #require(try local.json()["id"] as? Int)
            let hcmc = try #require(try await client.get("/api/v1/info/announcements?province=79").json()["items"] as? [[String: Any]])
            #expect(hcmc.map { ($0["title"] as? [String: Any])?["vi"] as? String } == ["Tiêm mũi nhắc lại"])
            let hanoi = try #require(try await client.get("/api/v1/info/announcements?province=01").json()["items"] as? [[String: Any]])
            #expect(hanoi.count == 2 && hanoi.first?["id"] as? Int == localID, "newest first")
            let tagged = try #require(try await client.get("/api/v1/info/announcements?tag=ICT_anti_nCoV").json()["items"] as? [[String: Any]])
            #expect(tagged.count == 1)
            let invalid = try await officer.send(.post, "/api/v1/info/announcements", json: [
                "title": ["vi": ""], "body": ["vi": "x"], "priority": "loud", "tags": ["a b"], "validUntil": "2000-01-01T00:00:00Z", "provinceCode": "01",
            ])
            #expect(Set(try invalid.problem.errors?.map(\.field) ?? []) == ["title.vi", "priority", "tags", "validUntil"])
            #expect(try await officer.send(.post, "/api/v1/info/announcements/\(localID)/withdraw").status == .ok)
            let after = try #require(try await client.get("/api/v1/info/announcements?province=01").json()["items"] as? [[String: Any]])
            #expect(after.map { $0["id"] as? Int }.contains(localID) == false)
        }
    }
}
