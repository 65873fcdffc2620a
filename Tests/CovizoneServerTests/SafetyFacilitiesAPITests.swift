@testable import CovizoneServer
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Safety map: facilities and self-checks")
struct SafetyFacilitiesAPITests {
    @Test("officers register for a named manager, managers their own; the public sees no contact", arguments: TestEngine.available)
    func registration(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let fixture = try await SafetyFixture.make(server, client)
            let anonymous = try await fixture.facility()
            #expect(anonymous["name"] as? String == "Chợ Hàng Da" && anonymous["status"] as? String == "not-reported")
            #expect(anonymous["contactPhone"] == nil && anonymous["checklistId"] as? String == "commerce" && anonymous["hasManager"] as? Bool == true)
            let seenByManager = try await fixture.manager.send(.get, "/api/v1/safety/facilities/\(fixture.facilityID)").json()
            #expect(seenByManager["contactPhone"] as? String == "+84912345678")

            var own = SafetyFixture.market
            own["name"] = "Siêu thị Hàng Da"
            own["type"] = "supermarket"
            own.removeValue(forKey: "managerUsername")
            #expect(try await fixture.manager.send(.post, "/api/v1/safety/facilities", json: own).status == .created)
            let mine = try #require(try await fixture.manager.send(.get, "/api/v1/safety/facilities").json()["items"] as? [[String: Any]])
            #expect(mine.count == 2, "the manager sees the facility made for it and its own")

            var broken = SafetyFixture.market
            broken["type"] = "castle"
            broken.removeValue(forKey: "latitude")
            broken["managerUsername"] = "nobody"
            let refused = try await fixture.officer.send(.post, "/api/v1/safety/facilities", json: broken)
            #expect(refused.status == .unprocessableContent)
            #expect(Set(try refused.problem.errors?.map(\.field) ?? []) == ["type", "latitude"])
            var unknownManager = SafetyFixture.market
            unknownManager["managerUsername"] = "nobody"
            #expect(try await fixture.officer.send(.post, "/api/v1/safety/facilities", json: unknownManager).problem.errors?.map(\.field) ?? [] == ["managerUsername"])
            var elsewhere = SafetyFixture.market
            (elsewhere["provinceCode"], elsewhere["wardCode"]) = ("79", "26506")
            #expect(try await fixture.officer.send(.post, "/api/v1/safety/facilities", json: elsewhere).status == .forbidden)
            #expect(try await client.get("/api/v1/safety/facilities/999999").status == .notFound)
            #expect(try await client.get("/api/v1/safety/checklists/castle").status == .notFound)
        }
    }

    @Test("a self-check is scored as Decision 2194 says; a critical item not done is red; the next day is grey", arguments: TestEngine.available)
    func selfChecks(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let fixture = try await SafetyFixture.make(server, client)
            let (_, items) = try await fixture.checklist()
            let weights = Dictionary(uniqueKeysWithValues: items.map { ($0["id"] as? String ?? "", $0["weight"] as? Int ?? 0) })
            #expect(weights.values.reduce(0, +) == 100)

            let clean = try await fixture.selfCheck()
            #expect(clean.status == .created, "\(clean.text)")
            #expect(try clean.json()["score"] as? Int == 0 && clean.json()["riskLevel"] as? String == "very-low" && clean.json()["status"] as? String == "safe")
            #expect(try await fixture.facility()["status"] as? String == "safe")

            let noncritical = try #require(items.first { $0["critical"] as? Bool == false }?["id"] as? String)
            let yellow = try await fixture.selfCheck(missing: Set(items.filter { $0["critical"] as? Bool == false }.compactMap { $0["id"] as? String }))
            let missedWeight = items.filter { $0["critical"] as? Bool == false }.compactMap { $0["weight"] as? Int }.reduce(0, +)
            #expect(try yellow.json()["score"] as? Int == missedWeight)
            let critical = try #require(items.first { $0["critical"] as? Bool == true }?["id"] as? String)
            let red = try await fixture.selfCheck(missing: [critical])
            #expect(try red.json()["status"] as? String == "unsafe" && red.json()["reasons"] as? [String] == [critical])
            #expect(try await fixture.facility()["status"] as? String == "unsafe", "the latest self-check of the day sets the colour")

            let history = try #require(try await client.get("/api/v1/safety/facilities/\(fixture.facilityID)/self-checks").json()["items"] as? [[String: Any]])
            #expect(history.map { $0["status"] as? String } == ["unsafe", (missedWeight > 50 ? "unsafe" : missedWeight > 30 ? "some-risk" : "safe"), "safe"])

            var answers = try await fixture.answers()
            var map = try #require(answers["answers"] as? [String: Bool])
            map.removeValue(forKey: noncritical)
            map["smoking"] = true
            answers["answers"] = map
            let mismatch = try await fixture.manager.send(.post, "/api/v1/safety/facilities/\(fixture.facilityID)/self-checks", json: answers)
            #expect(mismatch.status == .unprocessableContent)
            #expect(Set(try mismatch.problem.errors?.map(\.field) ?? []) == ["answers.\(noncritical)", "answers.smoking"])
            var uncommitted = try await fixture.answers()
            uncommitted["commitment"] = false
            #expect(try await fixture.manager.send(.post, "/api/v1/safety/facilities/\(fixture.facilityID)/self-checks", json: uncommitted).problem.errors?.map(\.field) ?? [] == ["commitment"])
            var oldVersion = try await fixture.answers()
            oldVersion["checklistVersion"] = 99
            #expect(try await fixture.manager.send(.post, "/api/v1/safety/facilities/\(fixture.facilityID)/self-checks", json: oldVersion).problem.errors?.map(\.field) ?? [] == ["checklistVersion"])
            #expect(try await fixture.officer.send(.post, "/api/v1/safety/facilities/\(fixture.facilityID)/self-checks", json: try await fixture.answers()).status == .forbidden)

            server.clock.advance(by: 86_400)
            #expect(try await fixture.facility()["status"] as? String == "not-reported")
        }
    }

    @Test("the GeoJSON has one Point per facility, longitude first, filtered by province, type and status", arguments: TestEngine.available)
    func geoJSON(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let fixture = try await SafetyFixture.make(server, client)
            var school = SafetyFixture.market
            (school["name"], school["type"]) = (#"Trường "Hàng Da" \ cơ sở 2"#, "school")
            #expect(try await fixture.officer.send(.post, "/api/v1/safety/facilities", json: school).status == .created)
            _ = try await fixture.selfCheck()

            let all = try await client.get("/api/v1/safety/map.geojson")
            #expect(all.headers[.contentType] == "application/geo+json")
            let collection = try all.json()
            #expect(collection["type"] as? String == "FeatureCollection")
            let features = try #require(collection["features"] as? [[String: Any]])
            #expect(features.count == 2)
            let market = try #require(features.first { ($0["properties"] as? [String: Any])?["id"] as? Int == fixture.facilityID })
            #expect((market["geometry"] as? [String: Any])?["coordinates"] as? [Double] == [105.8471, 21.0327])
            let properties = try #require(market["properties"] as? [String: Any])
            #expect(properties["status"] as? String == "safe" && properties["score"] as? Int == 0 && properties["riskLevel"] as? String == "very-low")
            #expect(properties["reportedAt"] as? String == server.clock.now.formatted(.iso8601))
            let other = try #require(features.first { ($0["properties"] as? [String: Any])?["id"] as? Int != fixture.facilityID }?["properties"] as? [String: Any])
            #expect(other["name"] as? String == #"Trường "Hàng Da" \ cơ sở 2"#, "quotes and backslashes escaped")
            #expect(other["score"] is NSNull && other["riskLevel"] is NSNull && other["reportedAt"] is NSNull && other["status"] as? String == "not-reported")

            func count(_ query: String) async throws -> Int {
                (try await client.get("/api/v1/safety/map.geojson?\(query)").json()["features"] as? [Any])?.count ?? -1
            }
            let counts = [try await count("status=safe"), try await count("status=not-reported"), try await count("type=school")]
            #expect(counts == [1, 1, 1])
            #expect(try await count("province=79") == 0)
            #expect(try await count("province=1") == 2)
            let bad = try await client.get("/api/v1/safety/map.geojson?status=purple&province=99")
            #expect(bad.status == .unprocessableContent)
            #expect(Set(try bad.problem.errors?.map(\.field) ?? []) == ["status", "province"])
        }
    }

    @Test("an officer imports facilities from CSV with a row report, naming their managers")
    func importCSV() async throws {
        try await TestServer.run { server, client in
            let fixture = try await SafetyFixture.make(server, client)
            let csv = """
                name,type,provinceCode,wardCode,address,latitude,longitude,contactPhone,managerUsername
                Trường THCS Ngô Sĩ Liên,school,01,00070,1 Hàng Bông,21.03,105.85,024 3826 0001,manager-hn
                Bến xe Gia Lâm,transport-station,01,70,Ngọc Lâm,21.05,105.88,0912345679,
                Chợ Hàng Da,market,01,00070,"Hàng Da, Hoàn Kiếm",21.03,105.84,0912345678,
                Nhà máy,factory,01,00070,KCN,north,105.8,0912345680,nobody
                """
            let response = try await fixture.client.execute(
                uri: "/api/v1/safety/facilities/import", method: .post,
                headers: [.authorization: "Bearer \(fixture.officer.token)", .contentType: "text/csv"], body: ByteBuffer(string: csv)
            )
            #expect(response.status == .ok, "\(response.text)")
            let report = try response.json()
            #expect(report["imported"] as? Int == 2 && report["rejected"] as? Int == 2)
            let errors = try #require(report["errors"] as? [[String: Any]])
            #expect(errors.contains { $0["line"] as? Int == 4 && ($0["message"] as? String)?.contains("already registered") == true })
            #expect(Set(errors.filter { $0["line"] as? Int == 5 }.compactMap { $0["field"] as? String }) == ["type", "latitude"])
            let mine = try #require(try await fixture.manager.send(.get, "/api/v1/safety/facilities").json()["items"] as? [[String: Any]])
            #expect(Set(mine.compactMap { $0["name"] as? String }) == ["Chợ Hàng Da", "Trường THCS Ngô Sĩ Liên"])
        }
    }
}
