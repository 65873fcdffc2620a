import CovizoneCore
@testable import CovizoneServer
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HummingbirdTesting
import Logging
import NIOConcurrencyHelpers
import Testing

@Suite("The demo world of serve --demo")
struct DemoWorldTests {
    @Test("each demo account sees its own part of a world built through the services, its campaign round sent to the in-process SMSC", arguments: TestEngine.available)
    func eachAccountSeesItsPart(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine, configure: { $0.demo = true }) { server, client in
            #expect(server.announcements.contains { $0.hasPrefix("Demo mode: every text goes to the SMSC simulator in this process") })
            func token(_ username: String) async throws -> String {
                try await client.token(username: username, password: try server.demoPassword(of: username))
            }
            func items(_ path: String, as username: String) async throws -> [[String: Any]] {
                let response = try await client.get(path, token: try await token(username))
                #expect(response.status == .ok, "\(path) as \(username): \(response.text)")
                return try response.json()["items"] as? [[String: Any]] ?? []
            }
            #expect(try await items("/api/v1/venues", as: "demo-ministry").count == DemoVenues.plans.count)
            let owned = try await items("/api/v1/venues", as: "demo-venue")
            #expect(owned.count == 5 && owned.allSatisfy { $0["provinceCode"] as? String == "01" }, "the Hà Nội venues are demo-venue's")

            let worklist = try await items("/api/v1/declarations/worklist?kind=entry", as: "demo-health")
            #expect(worklist.count >= 20, "two weeks of arrivals in Hồ Chí Minh City")
            let province = try await client.get("/api/v1/declarations/worklist?kind=entry", token: try await token("demo-province"))
            #expect(province.status == .forbidden, "a province officer follows no declarations")
            let zoning = try await client.get("/api/v1/outbreaks/zoning", token: try await token("demo-health")).json()
            let wards = try #require(zoning["wards"] as? [[String: Any]])
            #expect(wards.first?["wardCode"] as? String == "26743" && (wards.first?["exposedVisitors"] as? Int ?? 0) > 0, "the market's ward, with its exposed visitors")

            let statistics = try await client.get("/api/v1/exposure/statistics", token: try await token("demo-health")).json()
            let uploads = try #require(statistics["uploads"] as? [[String: Any]])
            #expect(uploads.count == 14 && uploads.filter { $0["uploads"] != nil }.count >= 10, "most days show their uploads")
            #expect(uploads.contains { $0["uploads"] == nil }, "a day with fewer than ten stays hidden")

            let campaigns = try await items("/api/v1/campaigns", as: "demo-province")
            #expect(campaigns.count == 1 && campaigns.first?["status"] as? String == "done")
            #expect(try await items("/api/v1/campaigns", as: "demo-telecom").count == 1, "the telecom operator sees the campaign")
            let id = try #require(campaigns.first?["id"] as? Int)
            let round = try await client.get("/api/v1/campaigns/\(id)/rounds/1/statistics", token: try await token("demo-province")).json()
            let total = try #require((round["statistics"] as? [String: Any])?["total"] as? [String: Any])
            #expect(total["recipients"] as? Int == DemoCampaign.subscribers && total["pending"] as? Int == 0)
            let failed = try #require(total["failed"] as? Int)
            #expect(failed > 0 && failed <= DemoCampaign.subscribers / DemoMode.undeliverableEvery + 1, "about every 23rd text of the simulator fails")

            let map = try #require(try await client.get("/api/v1/safety/map.geojson").json()["features"] as? [[String: Any]])
            #expect(map.count == DemoSafety.hanoi.count + DemoSafety.hoChiMinhCity.count)
            let statuses = map.compactMap { ($0["properties"] as? [String: Any])?["status"] as? String }
            #expect(statuses.filter { $0 != "not-reported" }.count >= map.count / 2, "most facilities self-checked today")
            #expect(statuses.contains("unsafe"), "the verified report at the lax market keeps it red")
            #expect(try await items("/api/v1/safety/facilities", as: "demo-facility").count == DemoSafety.hoChiMinhCity.count)
            #expect(try await items("/api/v1/safety/facilities", as: "demo-facility-hn").count == DemoSafety.hanoi.count)
            #expect(try await items("/api/v1/safety/feedback?status=in-review", as: "demo-province").count == 1, "Hà Nội's report left for review")
            let levels = try await client.get("/api/v1/safety/wards?province=79").json()["items"] as? [[String: Any]]
            #expect(levels?.first { $0["wardCode"] as? String == "26743" }?["level"] as? String == "high")
            let figures = try await client.get("/api/v1/safety/statistics", token: try await token("demo-health")).json()
            #expect((figures["days"] as? [[String: Any]])?.suffix(7).allSatisfy { ($0["safe"] as? Int ?? 0) > 0 } == true, "a week of self-checks")

            let rounds = try await items("/api/v1/reporting/rounds", as: "demo-province")
            #expect(rounds.count == 2, "two weekly rounds of Hà Nội")
            let first = try #require(rounds.last?["id"] as? Int)
            let summary = try await client.get("/api/v1/reporting/rounds/\(first)/summary", token: try await token("demo-province")).json()
            #expect(summary["completeness"] as? [String: Int] == ["expected": DemoReporting.tree.count, "completed": DemoReporting.tree.count - 1, "onTime": DemoReporting.tree.count - 3])
            #expect(((summary["percentages"] as? [String: Double])?["sms-zalo"] ?? 0) > 50, "the telecom branches' texts")
            let own = try await items("/api/v1/reporting/rounds", as: "demo-unit")
            #expect(own.count == 2, "demo-unit belongs to a district of the tree and reports in both rounds")

            let queue = try await items("/api/v1/misinformation/queue", as: "demo-province")
            #expect(!queue.isEmpty && queue.allSatisfy { $0["score"] is Double }, "the last day's posts and the tips wait, scored")
            let reviews = try await client.get("/api/v1/misinformation/claim-reviews").json()["items"] as? [[String: Any]] ?? []
            #expect(reviews.count >= 5, "the false claims are published")
            let models = try await items("/api/v1/misinformation/models", as: "demo-ministry")
            #expect(models.count == 1 && (models.first?["auc"] as? Double ?? 0) > 0.6, "\(models)")
            let takedowns = try await items("/api/v1/misinformation/takedowns", as: "demo-province")
            #expect(takedowns.count == 3 && takedowns.contains { $0["outcome"] as? String == "removed" } && takedowns.contains { $0["overdue"] as? Bool == true })

            let hcmCases = try await items("/api/v1/health/cases?limit=200", as: "demo-health")
            #expect(hcmCases.count >= 12, "two weeks of Chợ Rẫy's reports")
            let caseStatuses = Set(hcmCases.compactMap { $0["status"] as? String })
            #expect(caseStatuses.isSuperset(of: ["admitted", "recovered", "cleared"]), "\(caseStatuses)")
            #expect(try await items("/api/v1/health/cases?limit=200", as: "demo-hospital").count >= 10, "Bạch Mai lists the people it reported")
            let merges = try await items("/api/v1/health/merges?status=pending", as: "demo-health")
            #expect(merges.count == 2, "the two transfers from Bạch Mai wait for review")
            let traced = try #require(hcmCases.first { ($0["phone"] as? String) != nil && $0["status"] as? String == "admitted" })
            let venues = try await client.get("/api/v1/health/cases/\(traced["id"] as? Int ?? 0)/venues", token: try await token("demo-health"))
            #expect(venues.status == .ok, "\(venues.text)")
            let caseFigures = try await client.get("/api/v1/health/figures?days=14", token: try await token("demo-ministry")).json()
            let confirmed = (caseFigures["days"] as? [[String: Any]])?.compactMap { $0["newConfirmed"] as? Int }.reduce(0, +) ?? 0
            #expect(confirmed >= 15, "confirmed cases over the two weeks in both cities")
        }
    }

    /// On SQLite only: the demo's own store calls are those of the test above, on both engines.
    @Test("a later start adds only the days that are missing, today's check-ins among them")
    func laterStartAddsMissingDays() async throws {
        let store = try await TestEngine.sqlite.makeStore()
        var configuration = ServerConfiguration()
        configuration.dataDirectory = store.dataDirectory
        configuration.databaseURL = store.databaseURL
        configuration.passwordHashCost = 4
        configuration.demo = true
        let (demo, smsc) = try await DemoMode.prepare(configuration) { _ in }
        let clock = TestClock()
        let said = NIOLockedValueBox<[String]>([])
        let logger = Logger(label: "test")
        let environment = try await buildEnvironment(configuration: demo, clock: clock.wallClock, announce: { _ in }, logger: logger)
        do {
            func build() async throws -> String {
                try await DemoMode.buildWorld(environment: environment, logger: logger) { message in said.withLockedValue { $0.append(message) } }
                return said.withLockedValue { $0.last ?? "" }
            }
            func checkInsToday() async throws -> Int {
                let actors = try await DemoActors.signIn(users: environment.users, sessions: environment.sessions, at: clock.now)
                return try await AppServices(environment: environment, logger: logger).checkIns.counts(hours: 24, for: actors.ministry).counts.total
            }
            #expect(try await build().hasPrefix("The demo world now holds days up to 2027-01-15"))
            let days = try await DemoDayRepository(database: environment.database).days()
            #expect(days.count == DemoWorld.days && days.last == "2027-01-15")
            let before = try await checkInsToday()
            #expect(before > 0)
            #expect(try await build() == "The demo world is up to date.")
            #expect(try await checkInsToday() == before, "nothing added twice")
            clock.advance(by: 2 * 86_400)
            #expect(try await build().hasPrefix("The demo world now holds 2 more days up to 2027-01-17"))
            #expect(try await DemoDayRepository(database: environment.database).days().count == DemoWorld.days + 2)
            #expect(try await checkInsToday() > 0, "the new today has its check-ins")
        } catch {
            try? await environment.database.shutdown()
            try? await smsc?.close()
            await store.remove()
            throw error
        }
        try await environment.database.shutdown()
        try await smsc?.close()
        await store.remove()
    }

    /// On SQLite only: emptying a store is tested on both engines in the store's own tests.
    @Test("covizone demo --reset empties a demo store and builds it again, and refuses any other store")
    func reset() async throws {
        let store = try await TestEngine.sqlite.makeStore()
        var configuration = ServerConfiguration()
        configuration.dataDirectory = store.dataDirectory
        configuration.databaseURL = store.databaseURL
        configuration.passwordHashCost = 4
        configuration.logLevel = .warning
        let clock = TestClock()
        let said = NIOLockedValueBox<[String]>([])
        let announce: @Sendable (String) -> Void = { message in said.withLockedValue { $0.append(message) } }
        do {
            await #expect(throws: DemoError.self, "a store never built as a demo is not emptied") {
                try await buildDemoStore(configuration: configuration, reset: true, clock: clock.wallClock, announce: announce)
            }
            try await buildDemoStore(configuration: configuration, reset: false, clock: clock.wallClock, announce: announce)
            try await buildDemoStore(configuration: configuration, reset: true, clock: clock.wallClock, announce: announce)
            #expect(said.withLockedValue { $0 }.filter { $0.hasPrefix("Created the first account") }.count == 2, "emptied: admin made again")
            let database = try await openMigratedDatabase(configuration: configuration, logger: Logger(label: "test"))
            let venues = try await VenueRepository(database: database).list(ownerID: nil, provinceCode: nil, beforeID: nil, limit: 100)
            #expect(venues.count == DemoVenues.plans.count, "one demo world, not two")
            _ = try await UserRepository(database: database).create(username: "officer", passwordHash: "h", role: .provinceOfficer, provinceCode: "01", at: clock.now)
            try await database.shutdown()
            await #expect(throws: DemoError.self, "a store with other accounts is not emptied") {
                try await buildDemoStore(configuration: configuration, reset: true, clock: clock.wallClock, announce: announce)
            }
        } catch {
            await store.remove()
            throw error
        }
        await store.remove()
    }
}
