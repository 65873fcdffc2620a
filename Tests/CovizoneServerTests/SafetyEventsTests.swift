import AsyncHTTPClient
@testable import CovizoneServer
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import FacilitySafety
import Foundation
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@Suite("Safety map: live events")
struct SafetyEventsTests {
    /// Reads an event stream until `done` holds for what arrived, or `limit` passes.
    static func read(_ response: HTTPClientResponse, limit: Duration = .seconds(60), until done: @escaping @Sendable (String) -> Bool) async throws -> String {
        try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask {
                var text = ""
                for try await chunk in response.body {
                    text += String(buffer: chunk)
                    if done(text) { return text }
                }
                return text
            }
            group.addTask {
                try await Task.sleep(for: limit)
                return ""
            }
            let first = try await group.next() ?? ""
            group.cancelAll()
            return first
        }
    }

    @Test("a connected map receives the self-check's colour as an SSE event; a reconnect with Last-Event-ID gets what it missed", arguments: TestEngine.available)
    func liveStream(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine, framework: .live) { server, client in
            let port = try #require(client.port)
            let fixture = try await SafetyFixture.make(server, client)
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/safety/events")
            request.headers.add(name: "Accept", value: "text/event-stream")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            #expect(response.status == .ok && response.headers["content-type"].first == "text/event-stream")
            let reading = Task { try await Self.read(response) { $0.contains("\"status\":\"safe\"") } }
            try await Task.sleep(for: .milliseconds(700))  // the hub's first poll has read where the table ends
            #expect(try await fixture.selfCheck().status == .created)
            let text = try await reading.value
            #expect(text.hasPrefix("retry: 2000"))
            #expect(text.contains("event: facility\n"))
            let dataLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("data: ") })
            let data = try #require(try JSONSerialization.jsonObject(with: Data(dataLine.dropFirst(6).utf8)) as? [String: Any])
            #expect(data["id"] as? Int == fixture.facilityID && data["status"] as? String == "safe" && data["score"] as? Int == 0 && data["reportedAt"] is String)
            let eventID = try #require(text.split(separator: "\n").first { $0.hasPrefix("id: ") }.flatMap { Int($0.dropFirst(4)) })

            _ = try await fixture.selfCheck(missing: [try #require(try await fixture.checklist().items.first { $0["critical"] as? Bool == true }?["id"] as? String)])
            var again = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/safety/events")
            again.headers.add(name: "Last-Event-ID", value: String(eventID))
            let resumed = try await Self.read(try await HTTPClient.shared.execute(again, timeout: .seconds(30))) { $0.contains("\"status\":\"unsafe\"") }
            #expect(resumed.contains("\"status\":\"unsafe\"") && !resumed.contains("id: \(eventID)\n"), "only what came after the last event seen")
        }
    }

    @Test("a change written through one instance reaches the listeners of another", arguments: TestEngine.available)
    func acrossInstances(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let users = UserRepository(database: database)
            let officer = try await users.create(username: "officer", passwordHash: "h", role: .provinceOfficer, provinceCode: "01", at: Date())
            let facilityID = try await FacilityRepository(database: database).create(
                [FacilityDetails(name: "Chợ", type: .market, provinceCode: "01", wardCode: "00070", address: "Hàng Da", latitude: 21, longitude: 105.8, contactPhone: "+84912345678")],
                managerID: nil, createdBy: officer.id, at: Date()
            )[0]
            // A second handle on the same store stands for a second instance.
            let other = try await Database.open(database.location, connectionsPerEventLoop: 1, logger: Logger(label: "other"))
            let hub = SafetyEventHub(events: SafetyEventRepository(database: other), pollInterval: .milliseconds(50), logger: Logger(label: "hub"))
            let subscription = try #require(await hub.subscribe())
            try await Task.sleep(for: .milliseconds(200))
            let now = Date()
            let checklist = try ChecklistCatalog.bundled().current(for: .market)
            let answers = Dictionary(uniqueKeysWithValues: checklist.items.map { ($0.id, true) })
            _ = try await SelfCheckRepository(database: database).record(
                NewSelfCheck(
                    facilityID: facilityID, checklistID: checklist.id, checklistVersion: checklist.version, answers: answers,
                    assessment: try SelfCheckAssessment(checklist: checklist, answers: answers), committedBy: officer.id, checkedAt: now,
                    day: VietnamDay.number(of: now)
                )
            )
            var received: SafetyEvent?
            for await message in subscription.messages {
                if case .event(let event) = message { received = event; break }
            }
            #expect(received?.facilityID == facilityID && received?.status == .safe)
            #expect(await hub.listenerCount == 1)
            await hub.end(subscription.id)
            #expect(await hub.listenerCount == 0)
            try await other.shutdown()
        }
    }
}
