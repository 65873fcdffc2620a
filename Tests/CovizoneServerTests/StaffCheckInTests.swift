@testable import CovizoneServer
import CovizoneCore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Staff-assisted check-in and the check-in dashboard")
struct StaffCheckInTests {
    /// The owner's venue, approved, and the owner's token.
    func ownedVenue(_ server: TestServer, _ client: any TestClientProtocol) async throws -> (id: Int, owner: String) {
        try await server.addAccount("owner-desk", role: .venueOwner, province: "01")
        try await server.addAccount("officer-desk", role: .provinceOfficer, province: "01")
        let owner = try await client.token(username: "owner-desk", password: "correct horse battery")
        var registration = VenuesAPITests.registration
        registration["type"] = "office"
        let created = try await client.postJSON("/api/v1/venues", registration, headers: [.authorization: "Bearer \(owner)"])
        let id = try #require(try created.json()["id"] as? Int)
        let pending = try await client.postJSON("/api/v1/venues/\(id)/checkins", ["idNumber": "001099012345"], headers: [.authorization: "Bearer \(owner)"])
        #expect(pending.status == .conflict, "a venue waiting for approval takes no check-ins")
        let officer = try await client.token(username: "officer-desk", password: "correct horse battery")
        _ = try await client.postJSON("/api/v1/venues/\(id)/approve", [:], headers: [.authorization: "Bearer \(officer)"])
        return (id, owner)
    }

    @Test("staff check people in from the national personal QR, the chip ID card QR, or an ID number and phone", arguments: TestEngine.available)
    func staffCheckIn(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let venue = try await ownedVenue(server, client)
            let auth: HTTPFields = [.authorization: "Bearer \(venue.owner)"]
            let path = "/api/v1/venues/\(venue.id)/checkins"
            let national = try await client.postJSON(path, ["personalQr": "******509|Nguyễn Văn C|1989/3/3|0|QRQG1|1<GD4877*******<0912345678"], headers: auth)
            #expect(national.status == .created, "\(national.text)")
            let expected = try #require((try national.json()["expectedCheckOutAt"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
            #expect(expected == server.clock.now + 480 * 60, "an office's default stay")
            let card = try await client.postJSON(path, ["personalQr": "001099012345|123456789|Phạm Minh Tuấn|24121990|Nam|Hà Nội|01072021"], headers: auth)
            #expect(card.status == .created)
            let typed = try await client.postJSON(path, ["idNumber": "c 1234567", "name": "Anna  Schmidt", "phone": "0987 654 321"], headers: auth)
            #expect(typed.status == .created)

            for (body, field) in [
                (["personalQr": "hello"], "personalQr"), (["idNumber": "12345"], "idNumber"), ([:], "personalQr"),
                (["idNumber": "001099012345", "phone": "123"], "phone"),
            ] {
                let refused = try await client.postJSON(path, body, headers: auth)
                #expect(refused.status == .unprocessableContent, "\(body)")
                #expect((try refused.json()["errors"] as? [[String: String]])?.first?["field"] == field, "\(body)")
            }

            try await server.addAccount("doh-desk", role: .healthAuthority, province: "01")
            let doh = try await client.token(username: "doh-desk", password: "correct horse battery")
            let declared = try await client.postJSON(
                "/api/v1/outbreaks",
                ["venueId": venue.id, "from": (server.clock.now - 60).formatted(.iso8601), "to": (server.clock.now + 60).formatted(.iso8601), "message": "m", "severity": "low"],
                headers: [.authorization: "Bearer \(doh)"]
            )
            let outbreakID = try #require(try declared.json()["id"] as? Int)
            let visitors = try #require(try await client.get("/api/v1/outbreaks/\(outbreakID)/visitors", token: doh).json()["visitors"] as? [[String: Any]])
            #expect(visitors.map { $0["name"] as? String } == ["Nguyễn Văn C", "Phạm Minh Tuấn", "Anna Schmidt"])
            #expect(visitors.map { $0["idNumber"] as? String } == ["******509", "001099012345", "C1234567"])
            #expect(visitors.map { $0["phone"] as? String } == ["+84912345678", nil, "+84987654321"])
            #expect(visitors.allSatisfy { $0["entryMethod"] as? String == "staff" })

            let history = try #require(try await client.get("/api/v1/venues/\(venue.id)/visits", token: venue.owner).json()["items"] as? [[String: Any]])
            #expect(history.map { $0["idNumber"] as? String } == ["*****567", "*********345", "******509"], "the owner sees masked numbers")

            try await server.addAccount("owner-stranger", role: .venueOwner, province: "01")
            let stranger = try await client.token(username: "owner-stranger", password: "correct horse battery")
            #expect(try await client.postJSON(path, ["idNumber": "001099012345"], headers: [.authorization: "Bearer \(stranger)"]).status == .notFound)
        }
    }

    @Test("the entrance page checks in a scanned code and keeps what was typed on an error")
    func entrancePage() async throws {
        try await TestServer.run { server, client in
            let venue = try await ownedVenue(server, client)
            let web = WebPagesTests()
            let session = try await web.signIn(client, username: "owner-desk", password: "correct horse battery")
            let page = try await client.get("/venues/\(venue.id)/entrance", headers: [.cookie: "covizone_session=\(session)"])
            #expect(page.status == .ok && page.text.contains("autofocus"))
            let csrf = try VenuesPageTests().csrf(in: page)
            let done = try await web.postForm(
                client, "/venues/\(venue.id)/entrance", ["_csrf": csrf, "personalQr": "001099012345|123456789|Phạm Minh Tuấn|24121990|Nam|Hà Nội|01072021"],
                cookies: ["covizone_session": session]
            )
            #expect(done.status == .created && done.text.contains("Đã khai báo: Phạm Minh Tuấn"))
            let wrong = try await web.postForm(
                client, "/venues/\(venue.id)/entrance", ["_csrf": csrf, "idNumber": "12", "name": "Lê Thị Hoa"], cookies: ["covizone_session": session]
            )
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("Số CCCD/CMND/hộ chiếu: must be 9 or 12 digits") && wrong.text.contains("value=\"Lê Thị Hoa\""))
            let venuePage = try await client.get("/venues/\(venue.id)", headers: [.cookie: "covizone_session=\(session)"])
            #expect(venuePage.text.contains("Nhân viên khai hộ") && venuePage.text.contains("*********345"))
            #expect(venuePage.text.contains("id=\"entrance-link\""))
        }
    }

    @Test("the dashboard counts check-ins per hour, venue type and province, within the account's province", arguments: TestEngine.available)
    func dashboard(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let venue = try await CheckInsAPITests().approvedVenue(server, client)
            let now = server.clock.now
            for (index, hoursAgo) in [0.1, 0.2, 2.1, 30.0].enumerated() {
                let body = ["qr": venue.url, "phone": "091200000\(index)", "time": (now - hoursAgo * 3600).formatted(.iso8601)]
                #expect(try await client.postJSON("/api/v1/checkins", body).status == .created)
            }
            let officer = try await client.token(username: "officer-checkin", password: "correct horse battery")
            let statistics = try await client.get("/api/v1/checkins/statistics", token: officer).json()
            #expect(statistics["total"] as? Int == 3, "the last 24 hours")
            let hours = try #require(statistics["perHour"] as? [[String: Any]])
            #expect(hours.map { $0["count"] as? Int } == [1, 2], "the test clock starts on the hour")
            #expect(hours.map { $0["hour"] as? String } == [(now - 3 * 3600).formatted(.iso8601), (now - 3600).formatted(.iso8601)])
            #expect(hours.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == 3)
            #expect((statistics["perVenueType"] as? [[String: Any]])?.first?["type"] as? String == "restaurant")
            #expect((statistics["perProvince"] as? [[String: Any]])?.first?["provinceCode"] as? String == "01")
            #expect(try await client.get("/api/v1/checkins/statistics?hours=168", token: officer).json()["total"] as? Int == 4)
            #expect(try await client.get("/api/v1/checkins/statistics?hours=0", token: officer).status == .unprocessableContent)

            try await server.addAccount("officer-hcm", role: .provinceOfficer, province: "79")
            let other = try await client.token(username: "officer-hcm", password: "correct horse battery")
            #expect(try await client.get("/api/v1/checkins/statistics", token: other).json()["total"] as? Int == 0)

            let session = try await WebPagesTests().signIn(client, username: "officer-checkin", password: "correct horse battery")
            let page = try await client.get("/checkins/dashboard?hours=72", headers: [.cookie: "covizone_session=\(session)"])
            #expect(page.text.contains("id=\"checkins-total\">4<") && page.text.contains("Nhà hàng, quán ăn") && page.text.contains("Thành phố Hà Nội"))
            #expect(page.text.contains("<figure class=\"chart-figure\" id=\"per-hour-chart\"><svg") && page.text.contains("4 lượt quét mã trong 72 giờ"),
                    "the chart is drawn into the page, its summary in the page's language")
        }
    }

    @Test("configured stays replace the defaults, and no visit lasts more than a day")
    func staysAndCap() async throws {
        #expect(ServerConfiguration.venueStays("office=240, market=45") == [.office: 240, .market: 45])
        #expect(ServerConfiguration.venueStays("cinema=90") == nil && ServerConfiguration.venueStays("office=long") == nil)
        var invalid = ServerConfiguration()
        invalid.venueStayMinutes = [.office: 2]
        #expect(invalid.problems().contains { $0.contains("office") })
        try await TestServer.run(configure: { $0.venueStayMinutes = [.restaurant: 45] }) { server, client in
            let venue = try await CheckInsAPITests().approvedVenue(server, client)
            let visit = try await client.postJSON("/api/v1/checkins", ["qr": venue.url, "phone": "0912000001"]).json()
            let expected = try #require((visit["expectedCheckOutAt"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
            #expect(expected == server.clock.now + 45 * 60)
            server.clock.advance(by: 30 * 3600)
            let out = try await client.postJSON("/api/v1/checkins/\(try #require(visit["visitId"] as? Int))/checkout", ["token": try #require(visit["checkoutToken"] as? String)])
            let checkedOut = try #require((try out.json()["checkedOutAt"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
            #expect(checkedOut == server.clock.now - 6 * 3600, "a check-out a day later ends the visit 24 hours after it began")
        }
    }
}
