import CovizoneCore
import CovizoneTestSupport
import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VenueCheckIn

@Suite("Venues and QR posters")
struct VenuesAPITests {
    static var registration: [String: Any] { [
        "name": "Quán phở Thìn", "type": "restaurant", "provinceCode": "01", "wardCode": "00070", "address": "13 Lò Đúc",
        "latitude": 21.0167, "longitude": 105.8556, "contactPhone": "0912 345 678",
    ] }

    @Test("an owner registers a venue, an officer of its province approves it, and its poster carries a signed pass", arguments: TestEngine.available)
    func registerAndApprove(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine, configure: { $0.publicHost = "covizone.example" }) { server, client in
            try await server.addAccount("owner-hn", role: .venueOwner, province: "01")
            try await server.addAccount("officer-hn", role: .provinceOfficer, province: "01")
            try await server.addAccount("officer-hcm", role: .provinceOfficer, province: "79")
            let owner = try await client.token(username: "owner-hn", password: "correct horse battery")
            let officer = try await client.token(username: "officer-hn", password: "correct horse battery")
            let elsewhere = try await client.token(username: "officer-hcm", password: "correct horse battery")

            let created = try await client.postJSON("/api/v1/venues", Self.registration, headers: [.authorization: "Bearer \(owner)"])
            #expect(created.status == .created)
            let venue = try created.json()
            let id = try #require(venue["id"] as? Int)
            #expect(venue["status"] as? String == "pending")
            #expect(venue["contactPhone"] as? String == "+84912345678")
            #expect(venue["defaultStayMinutes"] as? Int == 90)
            #expect(venue["qrURL"] == nil, "no poster before approval")
            #expect(try await client.get("/api/v1/venues/\(id)/qr.svg", token: owner).status == .conflict)

            #expect(try await client.get("/api/v1/venues/\(id)", token: elsewhere).status == .notFound, "another province's venue")
            let listed = try await client.get("/api/v1/venues", token: officer).json()["items"] as? [[String: Any]]
            #expect(listed?.map { $0["id"] as? Int } == [id])
            #expect(try await client.postJSON("/api/v1/venues/\(id)/approve", [:], headers: [.authorization: "Bearer \(owner)"]).status == .forbidden)
            let approved = try await client.postJSON("/api/v1/venues/\(id)/approve", [:], headers: [.authorization: "Bearer \(officer)"])
            #expect(try approved.json()["status"] as? String == "approved")
            #expect(try await client.postJSON("/api/v1/venues/\(id)/approve", [:], headers: [.authorization: "Bearer \(officer)"]).status == .conflict)

            let url = try #require(try await client.get("/api/v1/venues/\(id)", token: owner).json()["qrURL"] as? String)
            #expect(url.hasPrefix("https://covizone.example/c#"))
            let keys = try #require(try await client.get("/api/v1/venues/keys").json()["keys"] as? [[String: Any]])
            let publicKeys = try Dictionary(uniqueKeysWithValues: keys.map {
                (UInt8(try #require($0["keyVersion"] as? Int)), try P256.Signing.PublicKey(pemRepresentation: try #require($0["publicKey"] as? String)))
            })
            let pass = try VenuePass.verify(url, keys: publicKeys, now: server.clock.now)
            #expect(pass.venueID == Int64(id) && pass.name == "Quán phở Thìn" && pass.type == .restaurant && pass.wardCode == "00070")

            let svg = try await client.get("/api/v1/venues/\(id)/qr.svg", token: owner)
            #expect(svg.headers[.contentType] == "image/svg+xml")
            #expect(svg.text.hasPrefix("<svg") && svg.text.contains("<path"))
        }
    }

    @Test("bad fields are 422 with every problem; other provinces are refused")
    func validation() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("owner-hn", role: .venueOwner, province: "01")
            try await server.addAccount("owner-2", role: .venueOwner, province: nil)
            let owner = try await client.token(username: "owner-hn", password: "correct horse battery")
            var bad = Self.registration
            bad["type"] = "casino"
            bad["wardCode"] = "26506"  // a ward of Hồ Chí Minh City
            bad["contactPhone"] = "12345"
            bad["longitude"] = nil
            let response = try await client.postJSON("/api/v1/venues", bad, headers: [.authorization: "Bearer \(owner)"])
            #expect(response.status == .unprocessableContent)
            let fields = Set((try response.json()["errors"] as? [[String: String]] ?? []).compactMap { $0["field"] })
            #expect(fields == ["type", "wardCode", "contactPhone", "longitude"])

            var elsewhere = Self.registration
            elsewhere["provinceCode"] = "79"
            elsewhere["wardCode"] = "26506"
            #expect(try await client.postJSON("/api/v1/venues", elsewhere, headers: [.authorization: "Bearer \(owner)"]).status == .forbidden)

            let created = try await client.postJSON("/api/v1/venues", Self.registration, headers: [.authorization: "Bearer \(owner)"])
            let id = try #require(try created.json()["id"] as? Int)
            let other = try await client.token(username: "owner-2", password: "correct horse battery")
            #expect(try await client.get("/api/v1/venues/\(id)", token: other).status == .notFound, "owners see only their own venues")
        }
    }

    @Test("the poster page shows the venue and its code, for its owner")
    func poster() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("officer-hn", role: .provinceOfficer, province: "01")
            let officer = try await client.token(username: "officer-hn", password: "correct horse battery")
            let created = try await client.postJSON("/api/v1/venues", Self.registration, headers: [.authorization: "Bearer \(officer)"])
            #expect(try created.json()["status"] as? String == "approved", "an officer's venue is approved at once")
            let id = try #require(try created.json()["id"] as? Int)
            let session = try await WebPagesTests().signIn(client, username: "officer-hn", password: "correct horse battery")
            let page = try await client.get("/venues/\(id)/poster", headers: [.cookie: "covizone_session=\(session)"])
            #expect(page.status == .ok)
            #expect(page.text.contains("Quán phở Thìn") && page.text.contains("13 Lò Đúc"))
            #expect(page.text.contains("<svg") && page.text.contains("Check in when you arrive") && page.text.contains("Khai báo khi đến"))
        }
    }
}
