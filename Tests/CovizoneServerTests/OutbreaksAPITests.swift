@testable import CovizoneServer
import CovizoneCore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Outbreaks at venues")
struct OutbreaksAPITests {
    @Test("declaring an outbreak finds the visits that overlap its window and queues one warning per phone", arguments: TestEngine.available)
    func declare(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let venue = try await CheckInsAPITests().approvedVenue(server, client)
            try await server.addAccount("doh-hn", role: .healthAuthority, province: "01")
            try await server.addAccount("doh-hcm", role: .healthAuthority, province: "79")
            let officer = try await client.token(username: "doh-hn", password: "correct horse battery")
            let now = server.clock.now
            func checkIn(_ hoursAgo: Double, phone: String? = nil, device: String? = nil, stayMinutes: Double? = nil) async throws {
                var body = ["qr": venue.url, "time": (now - hoursAgo * 3600).formatted(.iso8601)]
                body["phone"] = phone
                body["deviceId"] = device
                let visit = try await client.postJSON("/api/v1/checkins", body).decode(CheckInJSON.Recorded.self)
                if let stayMinutes {
                    server.clock.advance(by: -(hoursAgo * 3600) + stayMinutes * 60)  // check out after the stay, then come back
                    _ = try await client.postJSON("/api/v1/checkins/\(visit.visitId)/checkout", ["token": visit.checkoutToken])
                    server.clock.advance(by: hoursAgo * 3600 - stayMinutes * 60)
                }
            }
            // The outbreak runs from 6 h to 4 h ago; with the 30-minute buffer, visits from 6.5 h to 3.5 h ago count.
            try await checkIn(7, phone: "0912000001", stayMinutes: 40)  // left 6.33 h ago: exposed
            try await checkIn(4.2, phone: "0912000002")  // no check-out: exposed
            try await checkIn(5, device: "device-without-phone")  // exposed, but no phone to warn
            try await checkIn(7, phone: "0912000003", stayMinutes: 20)  // left 6.67 h ago: before the window
            try await checkIn(2, phone: "0912000004")  // after the window

            let declared = try await client.postJSON(
                "/api/v1/outbreaks",
                ["venueId": venue.id, "from": (now - 6 * 3600).formatted(.iso8601), "to": (now - 4 * 3600).formatted(.iso8601),
                 "message": "Hãy liên hệ trạm y tế.", "severity": "high"],
                headers: [.authorization: "Bearer \(officer)"]
            )
            #expect(declared.status == .created, "\(declared.text)")
            #expect(try declared.decode(OutbreaksController.Declared.self).exposedVisits == 3)

            let session = try await WebPagesTests().signIn(client, username: "doh-hn", password: "correct horse battery")
            let page = try await client.get("/outbreaks/warnings", headers: [.cookie: "covizone_session=\(session)"])
            #expect(page.text.contains("+8491****001") && page.text.contains("+8491****002"))
            #expect(!page.text.contains("+84912000001"), "phones are masked")
            #expect(!page.text.contains("****003") && !page.text.contains("****004"))

            let other = try await client.token(username: "doh-hcm", password: "correct horse battery")
            let elsewhere = try await client.postJSON(
                "/api/v1/outbreaks",
                ["venueId": venue.id, "from": (now - 6 * 3600).formatted(.iso8601), "to": (now - 4 * 3600).formatted(.iso8601), "message": "x", "severity": "high"],
                headers: [.authorization: "Bearer \(other)"]
            )
            #expect(elsewhere.status == .notFound, "another province's venue")

            let admin = try await client.token(username: "admin", password: server.adminPassword)
            let audit = try #require(try await client.get("/api/v1/audit", token: admin).json()["items"] as? [[String: Any]])
            #expect(audit.contains { $0["action"] as? String == "outbreaks.declare" && $0["province"] as? String == "01" })
        }
    }

    @Test("windows that end before they start, future windows and unknown severities are refused")
    func validation() async throws {
        try await TestServer.run { server, client in
            let venue = try await CheckInsAPITests().approvedVenue(server, client)
            try await server.addAccount("doh-hn", role: .healthAuthority, province: "01")
            let officer = try await client.token(username: "doh-hn", password: "correct horse battery")
            let now = server.clock.now
            for (from, to, severity, field) in [
                (now - 3600, now - 7200, "high", "to"), (now + 3600, now + 7200, "high", "from"), (now - 7200, now - 3600, "extreme", "severity"),
            ] {
                let response = try await client.postJSON(
                    "/api/v1/outbreaks",
                    ["venueId": venue.id, "from": from.formatted(.iso8601), "to": to.formatted(.iso8601), "message": "m", "severity": severity],
                    headers: [.authorization: "Bearer \(officer)"]
                )
                #expect(response.status == .unprocessableContent)
                #expect(try response.problem.errors?.first?.field == field)
            }
        }
    }
}
