@testable import CovizoneServer
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Testing
import VenueCheckIn

@Suite("Tracing, zoning and outbreak notices")
struct TracingTests {
    /// A venue with three visits 5, 4.5 and 1 hours ago, and an outbreak from 6 h to 4 h ago.
    struct Scene {
        var venue: (id: Int, url: String)
        var officer: String
        var outbreakID: Int
    }

    func scene(_ server: TestServer, _ client: any TestClientProtocol) async throws -> Scene {
        let venue = try await CheckInsAPITests().approvedVenue(server, client)
        try await server.addAccount("doh-hn", role: .healthAuthority, province: "01")
        let officer = try await client.token(username: "doh-hn", password: "correct horse battery")
        let now = server.clock.now
        for (hoursAgo, body) in [(5.0, ["phone": "0912000001"]), (4.5, ["deviceId": "device-0001"]), (1.0, ["phone": "0912000009"])] {
            var request = body
            request["qr"] = venue.url
            request["time"] = (now - hoursAgo * 3600).formatted(.iso8601)
            #expect(try await client.postJSON("/api/v1/checkins", request).status == .created)
        }
        let declared = try await client.postJSON(
            "/api/v1/outbreaks",
            ["venueId": venue.id, "from": (now - 6 * 3600).formatted(.iso8601), "to": (now - 4 * 3600).formatted(.iso8601), "message": "Gọi 1900 9095", "severity": "high"],
            headers: [.authorization: "Bearer \(officer)"]
        )
        #expect(try declared.json()["exposedVisits"] as? Int == 2)
        return Scene(venue: venue, officer: officer, outbreakID: try #require(try declared.json()["id"] as? Int))
    }

    @Test("the tracer reads the exposed visits as JSON and CSV, each read audited, only in the officer's province", arguments: TestEngine.available)
    func visitors(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let scene = try await scene(server, client)
            let list = try await client.get("/api/v1/outbreaks/\(scene.outbreakID)/visitors", token: scene.officer)
            #expect(list.status == .ok)
            let visitors = try #require(try list.json()["visitors"] as? [[String: Any]])
            #expect(visitors.map { $0["phone"] as? String } == ["+84912000001", nil])
            #expect(visitors.map { $0["deviceId"] as? String } == [nil, "device-0001"])
            #expect(visitors.allSatisfy { $0["entryMethod"] as? String != nil && $0["checkedInAt"] as? String != nil })

            let csv = try await client.get("/api/v1/outbreaks/\(scene.outbreakID)/visitors?format=csv", token: scene.officer)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let rows = try CSVParser.records(in: csv.text)
            #expect(rows.count == 3 && rows[0].fields.first == "visitId" && rows[1].fields[4] == "+84912000001")

            let admin = try await client.token(username: "admin", password: server.adminPassword)
            let audit = try #require(try await client.get("/api/v1/audit", token: admin).json()["items"] as? [[String: Any]])
            #expect(audit.filter { $0["action"] as? String == "outbreaks.visitors.read" && $0["actor"] as? String == "doh-hn" }.count == 2)

            try await server.addAccount("doh-hcm", role: .healthAuthority, province: "79")
            let elsewhere = try await client.token(username: "doh-hcm", password: "correct horse battery")
            #expect(try await client.get("/api/v1/outbreaks/\(scene.outbreakID)/visitors", token: elsewhere).status == .notFound)
            #expect(try await client.get("/api/v1/outbreaks", token: elsewhere).text == "[]")
            try await server.addAccount("owner-x", role: .venueOwner, province: "01")
            let owner = try await client.token(username: "owner-x", password: "correct horse battery")
            #expect(try await client.get("/api/v1/outbreaks/\(scene.outbreakID)/visitors", token: owner).status == .forbidden)
            let ministry = try await client.token(username: "admin", password: server.adminPassword)
            #expect(try await client.get("/api/v1/outbreaks/\(scene.outbreakID)", token: ministry).status == .ok, "national accounts see every province")
        }
    }

    @Test("a check-in uploaded after the declaration that falls in the window is exposed and warned in its answer, never by a text to the number it gives", arguments: TestEngine.available)
    func lateCheckIn(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let scene = try await scene(server, client)
            let late = try await client.postJSON(
                "/api/v1/checkins", ["qr": scene.venue.url, "phone": "0912000005", "time": (server.clock.now - 5.5 * 3600).formatted(.iso8601)]
            )
            #expect(late.status == .created)
            let warned = try #require(try late.json()["outbreakWarnings"] as? [String])
            #expect(warned.count == 1 && warned[0].contains("Gọi 1900 9095"))
            let outbreak = try await client.get("/api/v1/outbreaks/\(scene.outbreakID)", token: scene.officer).json()
            #expect(outbreak["exposedVisits"] as? Int == 3)
            let warnings = try await server.withDatabase { try await OutbreakRepository(database: $0).queuedWarnings(provinceCode: "01", limit: 10) }
            #expect(Set(warnings.map(\.phone)) == ["+84912000001"], "a backdated check-in with any number makes the server text nobody")
            let outside = try await client.postJSON("/api/v1/checkins", ["qr": scene.venue.url, "phone": "0912000006"])
            #expect(outside.status == .created)
            #expect(try outside.json()["outbreakWarnings"] as? [String] == [])
            #expect(try await client.get("/api/v1/outbreaks/\(scene.outbreakID)", token: scene.officer).json()["exposedVisits"] as? Int == 3)
        }
    }

    @Test("a re-scan that stretches a visit into a declared window exposes it once and warns in its answer", arguments: TestEngine.available)
    func rescanIntoWindow(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let scene = try await scene(server, client)
            let now = server.clock.now
            func scan(hoursAgo: Double) async throws -> TestResponse {
                try await client.postJSON("/api/v1/checkins", ["qr": scene.venue.url, "deviceId": "device-rescan", "time": (now - hoursAgo * 3600).formatted(.iso8601)])
            }
            func exposed() async throws -> Int? {
                try await client.get("/api/v1/outbreaks/\(scene.outbreakID)", token: scene.officer).json()["exposedVisits"] as? Int
            }
            // 8 h ago for the restaurant's 90 minutes: it ends just as the window (with its buffer) opens.
            let first = try await scan(hoursAgo: 8)
            #expect(try first.status == .created && (first.json()["outbreakWarnings"] as? [String]) == [])
            #expect(try await exposed() == 2)
            let again = try await scan(hoursAgo: 7)
            #expect(again.status == .ok, "the same app re-scans during its stay")
            #expect((try again.json()["outbreakWarnings"] as? [String])?.first?.contains("Gọi 1900 9095") == true)
            #expect(try await exposed() == 3, "the stretched visit is counted")
            let third = try await scan(hoursAgo: 6.9)
            #expect(try third.status == .ok && (third.json()["outbreakWarnings"] as? [String]) == [], "already exposed: not warned or counted twice")
            #expect(try await exposed() == 3)
            let visitors = try await client.get("/api/v1/outbreaks/\(scene.outbreakID)/visitors", token: scene.officer).json()
            #expect((visitors["visitors"] as? [[String: Any]])?.count == 3, "and on the tracer's list")
        }
    }

    @Test("zoning counts exposed visitors by the venue's ward and names the venues")
    func zoning() async throws {
        try await TestServer.run { server, client in
            let scene = try await scene(server, client)
            let zoning = try await client.get("/api/v1/outbreaks/zoning", token: scene.officer).json()
            let wards = try #require(zoning["wards"] as? [[String: Any]])
            #expect(wards.count == 1)
            #expect(wards.first?["wardCode"] as? String == "00070" && wards.first?["exposedVisitors"] as? Int == 2)
            #expect((wards.first?["venues"] as? [[String: Any]])?.first?["name"] as? String == "Quán phở Thìn")
            #expect(try await client.get("/api/v1/outbreaks/zoning?days=0", token: scene.officer).status == .unprocessableContent)
            server.clock.advance(by: 15 * 86_400)
            let officer = try await client.token(username: "doh-hn", password: "correct horse battery")
            #expect((try await client.get("/api/v1/outbreaks/zoning", token: officer).json()["wards"] as? [Any])?.isEmpty == true, "older than 14 days")
        }
    }

    @Test("phones download signed notices with hashed venues and match the visits they kept to themselves")
    func notices() async throws {
        try await TestServer.run { server, client in
            let scene = try await scene(server, client)
            let response = try await client.get("/api/v1/outbreaks/notices")
            #expect(response.status == .ok && response.headers[.cacheControl] == "public, max-age=300")
            let list = try JSONDecoder().decode(SignedNoticeList.self, from: Data(buffer: response.body))
            let keys = try #require(try await client.get("/api/v1/venues/keys").json()["keys"] as? [[String: Any]])
            var publicKeys: [UInt8: P256.Signing.PublicKey] = [:]
            for key in keys { publicKeys[UInt8(try #require(key["keyVersion"] as? Int))] = try P256.Signing.PublicKey(pemRepresentation: try #require(key["publicKey"] as? String)) }
            let contents = try list.verified(keys: publicKeys)
            #expect(contents.notices.count == 1)
            #expect(!response.text.contains("Quán phở Thìn"), "the list names no venue")

            let pass = try VenuePass.verify(scene.venue.url, keys: publicKeys, now: server.clock.now)
            var inside = PrivateVisitLog()
            inside.checkIn(pass, at: server.clock.now - 4.8 * 3600)
            var outside = PrivateVisitLog()
            outside.checkIn(pass, at: server.clock.now - 2 * 3600)
            #expect(inside.matches(contents.notices).count == 1 && outside.matches(contents.notices).isEmpty)

            server.clock.advance(by: 22 * 86_400)
            let later = try JSONDecoder().decode(SignedNoticeList.self, from: Data(buffer: try await client.get("/api/v1/outbreaks/notices").body))
            #expect(try later.verified(keys: publicKeys).notices.isEmpty, "notices end with the visit retention")
        }
    }

    @Test("outbreak pages: declare with the form in Vietnamese time, trace, download CSV, see the zoning and the venue's history", arguments: TestEngine.available)
    func pages(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let scene = try await scene(server, client)
            let web = WebPagesTests()
            let session = try await web.signIn(client, username: "doh-hn", password: "correct horse battery")
            let cookie: HTTPFields = [.cookie: "covizone_session=\(session)"]
            let list = try await client.get("/outbreaks?venueId=\(scene.venue.id)", headers: cookie)
            #expect(list.text.contains("id=\"outbreak-form\"") && list.text.contains("value=\"\(scene.venue.id)\""))
            #expect(list.text.contains("<option value=\"high\" selected>Cao</option>"), "severities are labelled in the page's language")
            let csrf = try VenuesPageTests().csrf(in: list)
            let from = VietnamLocalTime.string(of: server.clock.now - 2 * 3600)
            let to = VietnamLocalTime.string(of: server.clock.now - 3600)
            let backwards = try await web.postForm(
                client, "/outbreaks", ["_csrf": csrf, "venueId": "\(scene.venue.id)", "from": to, "to": from, "message": "m", "severity": "low"],
                cookies: ["covizone_session": session]
            )
            #expect(backwards.status == .unprocessableContent && backwards.text.contains("Đến: must be after from"))
            let unknown = try await web.postForm(
                client, "/outbreaks", ["_csrf": csrf, "venueId": "999", "from": from, "to": to, "message": "m", "severity": "low"],
                cookies: ["covizone_session": session]
            )
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("Mã địa điểm"))
            let declared = try await web.postForm(
                client, "/outbreaks", ["_csrf": csrf, "venueId": "\(scene.venue.id)", "from": from, "to": to, "message": "Theo dõi sức khỏe", "severity": "medium"],
                cookies: ["covizone_session": session]
            )
            #expect(declared.status == .seeOther)
            let location = try #require(declared.headers[.location])
            let outbreak = try await client.get(location, headers: cookie)
            #expect(outbreak.text.contains("+84912000009"), "the visit 1 hour ago falls in the new window (with the buffer)")
            #expect(try await client.get(location + "/visitors.csv", headers: cookie).text.contains("+84912000009"))
            let first = try await client.get("/outbreaks/\(scene.outbreakID)", headers: cookie)
            #expect(first.text.contains("+84912000001") && first.text.contains("Quét mã (ứng dụng)"))
            let zoning = try await client.get("/outbreaks/zoning", headers: cookie)
            #expect(zoning.text.contains("Phường Hoàn Kiếm") || zoning.text.contains("(00070)"))
            let venue = try await client.get("/venues/\(scene.venue.id)", headers: cookie)
            #expect(venue.text.contains("Theo dõi sức khỏe") && venue.text.contains("Gọi 1900 9095"), "the venue's outbreak history")
            #expect(venue.text.contains("+8491****001") && !venue.text.contains("+84912000001"), "the history masks phones")
        }
    }

    @Test("the venue owner sees the entry and exit history of their own venue only, and warnings are purged with the visits")
    func history() async throws {
        try await TestServer.run { server, client in
            let scene = try await scene(server, client)
            try await server.addAccount("owner-other", role: .venueOwner, province: "01")
            let stranger = try await client.token(username: "owner-other", password: "correct horse battery")
            #expect(try await client.get("/api/v1/venues/\(scene.venue.id)/visits", token: stranger).status == .notFound)
            let officer = try await client.token(username: "officer-checkin", password: "correct horse battery")
            let page = try await client.get("/api/v1/venues/\(scene.venue.id)/visits?limit=2", token: officer).json()
            let items = try #require(page["items"] as? [[String: Any]])
            #expect(items.count == 2 && items.first?["phone"] as? String == "+8491****009" && page["nextCursor"] as? String != nil)
            let outbreaks = try await client.get("/api/v1/venues/\(scene.venue.id)/outbreaks", token: officer)
            #expect((try JSONSerialization.jsonObject(with: Data(buffer: outbreaks.body)) as? [[String: Any]])?.count == 1)

            server.clock.advance(by: 22 * 86_400)
            try await server.withDatabase { try await server.retention($0).purgeOnce() }
            let warnings = try await server.withDatabase { try await OutbreakRepository(database: $0).queuedWarnings(provinceCode: nil, limit: 10) }
            #expect(warnings.isEmpty)
            let doh = try await client.token(username: "doh-hn", password: "correct horse battery")
            #expect(try await client.get("/api/v1/outbreaks/\(scene.outbreakID)", token: doh).status == .ok, "the outbreak stays as history")
        }
    }
}
