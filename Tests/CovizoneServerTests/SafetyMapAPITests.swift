@testable import CovizoneServer
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Safety map: ward levels, figures and reminders")
struct SafetyMapAPITests {
    @Test("the province's health authority sets ward levels; a ward with an outbreak is suggested for review", arguments: TestEngine.available)
    func wardLevels(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let fixture = try await SafetyFixture.make(server, client)
            let set = try await fixture.health.send(.put, "/api/v1/safety/wards/70/risk-level", json: ["level": "high", "note": "Ổ dịch chợ Hàng Da"])
            #expect(set.status == .ok, "\(set.text)")
            #expect(try set.json()["wardCode"] as? String == "00070" && set.json()["level"] as? String == "high")
            let levels = try await client.get("/api/v1/safety/wards?province=01").json()
            #expect((levels["items"] as? [[String: Any]])?.map { $0["level"] as? String } == ["high"])
            #expect(levels["suggestedForReview"] == nil, "suggestions are for officers")

            #expect(try await fixture.health.send(.put, "/api/v1/safety/wards/26506/risk-level", json: ["level": "high"]).status == .forbidden)
            #expect(try await fixture.health.send(.put, "/api/v1/safety/wards/99999/risk-level", json: ["level": "high"]).status == .notFound)
            #expect(try await fixture.health.send(.put, "/api/v1/safety/wards/00070/risk-level", json: ["level": "purple"]).problem.errors?.map(\.field) ?? [] == ["level"])
            #expect(try await fixture.officer.send(.put, "/api/v1/safety/wards/00070/risk-level", json: ["level": "normal"]).status == .forbidden)

            let venue = try await fixture.officer.send(
                .post, "/api/v1/venues",
                json: ["name": "Quán phở", "type": "restaurant", "provinceCode": "01", "wardCode": "00070", "address": "Hàng Da", "contactPhone": "0912345678"]
            )
            let venueID = try #require(try venue.json()["id"] as? Int)
            let now = server.clock.now
            let declared = try await fixture.health.send(
                .post, "/api/v1/outbreaks",
                json: ["venueId": venueID, "from": (now - 7200).formatted(.iso8601), "to": (now - 3600).formatted(.iso8601), "message": "Liên hệ trạm y tế", "severity": "high"]
            )
            #expect(declared.status == .created, "\(declared.text)")
            let suggested = try await fixture.health.send(.get, "/api/v1/safety/wards").json()["suggestedForReview"] as? [[String: Any]]
            #expect(suggested?.map { $0["wardCode"] as? String } == ["00070"] && suggested?.first?["outbreaks"] as? Int == 1)
        }
    }

    @Test("officers' figures: today's reporting share, colours per day, facilities red three days running", arguments: TestEngine.available)
    func figures(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let fixture = try await SafetyFixture.make(server, client)
            var school = SafetyFixture.market
            (school["name"], school["type"]) = ("Trường Tiểu học Hàng Da", "school")
            #expect(try await fixture.officer.send(.post, "/api/v1/safety/facilities", json: school).status == .created)
            let critical = try #require(try await fixture.checklist().items.first { $0["critical"] as? Bool == true }?["id"] as? String)
            var current = fixture
            for day in 0..<4 {
                if day > 0 {
                    server.clock.advance(by: 86_400)
                    current = try await fixture.signedInAgain()  // tokens last less than a day
                }
                _ = try await current.selfCheck(missing: [critical])
            }
            let figures = try await current.officer.send(.get, "/api/v1/safety/statistics").json()
            let byProvince = try #require(figures["byProvince"] as? [[String: Any]])
            #expect(byProvince.count == 1 && byProvince[0]["facilities"] as? Int == 2 && byProvince[0]["reportedToday"] as? Int == 1 && byProvince[0]["share"] as? Int == 50)
            let byType = try #require(figures["byType"] as? [[String: Any]])
            #expect(byType.map { $0["key"] as? String } == ["market", "school"])
            let days = try #require(figures["days"] as? [[String: Any]])
            #expect(days.count == 14)
            #expect(days.last?["unsafe"] as? Int == 1 && days.last?["notReported"] as? Int == 1)
            #expect(days.first?["notReported"] as? Int == 2)
            let streaks = try #require(figures["unsafeForThreeDays"] as? [[String: Any]])
            #expect(streaks.map { $0["id"] as? Int } == [fixture.facilityID])
            #expect(try await current.manager.send(.get, "/api/v1/safety/statistics").status == .forbidden)
        }
    }

    @Test("a facility with no self-check by the configured hour is texted once that day", arguments: TestEngine.available)
    func reminders(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let fixture = try await SafetyFixture.make(server, client)
            var school = SafetyFixture.market
            (school["name"], school["type"], school["contactPhone"]) = ("Trường Tiểu học Hàng Da", "school", "0912345699")
            #expect(try await fixture.officer.send(.post, "/api/v1/safety/facilities", json: school).status == .created)
            _ = try await fixture.selfCheck()
            let database = try await server.store.open()
            let texts = TextMessageRepository(database: database)
            // The test clock stands at 15:00 in Vietnam.
            func service(hour: Int) -> SafetyReminderService {
                SafetyReminderService(
                    facilities: FacilityRepository(database: database), textMessages: TextMessageOutbox(messages: texts, logger: .init(label: "test"), writesToLog: false),
                    clock: server.clock.wallClock, hour: hour, publicHost: "covizone.test", logger: .init(label: "test")
                )
            }
            #expect(try await service(hour: 16).remindOnce() == 0, "before the hour")
            #expect(try await service(hour: 10).remindOnce() == 1, "the school has not self-checked; the market has")
            #expect(try await service(hour: 10).remindOnce() == 0, "once a day")
            let sent = try await texts.messages(to: "+84912345699", limit: 10)
            #expect(sent.count == 1 && sent[0].body.contains("Trường Tiểu học Hàng Da") && sent[0].purpose == "safety-reminder")
            #expect(try await texts.messages(to: "+84912345678", limit: 10).isEmpty)
            try await database.shutdown()
        }
    }
}
