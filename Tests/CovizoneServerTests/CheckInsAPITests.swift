@testable import CovizoneServer
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VenueCheckIn

@Suite("Check-ins")
struct CheckInsAPITests {
    /// An approved venue (a restaurant: 90-minute stays) and its poster URL.
    func approvedVenue(_ server: TestServer, _ client: any TestClientProtocol) async throws -> (id: Int, url: String) {
        try await server.addAccount("officer-checkin", role: .provinceOfficer, province: "01")
        let officer = try await client.token(username: "officer-checkin", password: "correct horse battery")
        let created = try await client.postJSON("/api/v1/venues", VenuesAPITests.registration, headers: [.authorization: "Bearer \(officer)"])
        return (try #require(try created.json()["id"] as? Int), try #require(try created.json()["qrURL"] as? String))
    }

    @Test("check in, re-scan during the stay, check out with the secret", arguments: TestEngine.available)
    func checkInAndOut(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let venue = try await approvedVenue(server, client)
            let preview = try await client.postJSON("/api/v1/checkins/preview", ["qr": venue.url]).decode(CheckInsController.VenuePreview.self)
            #expect(preview.venue.name == "Quán phở Thìn" && preview.venue.type == .restaurant)

            let first = try await client.postJSON("/api/v1/checkins", ["qr": venue.url, "phone": "0912 345 678"])
            #expect(first.status == .created)
            let visit = try first.decode(CheckInJSON.Recorded.self)
            let visitID = visit.visitId
            #expect(visit.checkedInAt == server.clock.now && visit.expectedCheckOutAt == server.clock.now + 90 * 60)

            server.clock.advance(by: 30 * 60)
            let again = try await client.postJSON("/api/v1/checkins", ["qr": venue.url, "phone": "+84912345678", "checkoutToken": visit.checkoutToken])
            #expect(again.status == .ok, "a re-scan with the visit's secret during the stay extends the visit")
            let extended = try again.decode(CheckInJSON.Recorded.self)
            #expect(extended.visitId == visitID && extended.expectedCheckOutAt == server.clock.now + 90 * 60)
            let token = extended.checkoutToken

            let guessed = try await client.postJSON("/api/v1/checkins/\(visitID)/checkout", ["token": "guess"])
            #expect(try guessed.status == .notFound && guessed.problem.code == "unknown_visit")
            let out = try await client.postJSON("/api/v1/checkins/\(visitID)/checkout", ["token": token])
            #expect(try out.status == .ok && out.decode(CheckInsController.CheckedOut.self).checkedOutAt == server.clock.now)
            #expect(try await client.postJSON("/api/v1/checkins/\(visitID)/checkout", ["token": token]).status == .notFound, "once")

            let offline = try await client.postJSON(
                "/api/v1/checkins", ["qr": venue.url, "deviceId": "device-1234", "time": (server.clock.now - 2 * 86_400).formatted(.iso8601)]
            )
            #expect(offline.status == .created, "queued check-ins keep their original time")
        }
    }

    @Test("a scan with someone else's phone neither extends their visit nor tells whether they are there", arguments: TestEngine.available)
    func presenceOracle(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let venue = try await approvedVenue(server, client)
            let victim = try await client.postJSON("/api/v1/checkins", ["qr": venue.url, "phone": "0912 345 678"]).json()
            let visitID = try #require(victim["visitId"] as? Int)
            let token = try #require(victim["checkoutToken"] as? String)
            let expected = try #require(victim["expectedCheckOutAt"] as? String)
            server.clock.advance(by: 10 * 60)
            for proof in [[:], ["checkoutToken": "a-guessed-secret"], ["deviceId": "attacker-device"]] {
                var body = ["qr": venue.url, "phone": "0912345678", "time": (server.clock.now - 5 * 60).formatted(.iso8601)]
                body.merge(proof) { $1 }
                let probe = try await client.postJSON("/api/v1/checkins", body)
                #expect(probe.status == .created, "as for anyone who was not there: \(proof)")
                #expect(try probe.json()["visitId"] as? Int != visitID, "their visit is not handed out")
            }
            let out = try await client.postJSON("/api/v1/checkins/\(visitID)/checkout", ["token": token])
            #expect(out.status == .ok, "the victim's secret still checks them out")
            let visits = try await server.withDatabase { try await VisitRepository(database: $0).history(venueID: Int64(venue.id), beforeID: nil, limit: 10) }
            #expect(visits.first { $0.id == visitID }?.expectedCheckOutAt.formatted(.iso8601) == expected, "nor was their stay moved")
        }
    }

    @Test("forged, unknown and ill-timed check-ins are refused with clear codes")
    func refusals() async throws {
        try await TestServer.run { server, client in
            let venue = try await approvedVenue(server, client)
            func code(_ response: TestResponse) throws -> String? { try response.json()["code"] as? String }

            let stranger = P256.Signing.PrivateKey()
            let forgedPass = VenuePass(venueID: Int64(venue.id), name: "Quán phở Thìn", type: .restaurant, provinceCode: "01", wardCode: "00070", validUntil: server.clock.now + 86_400, keyVersion: 1)
            let forged = try await client.postJSON("/api/v1/checkins", ["qr": try forgedPass.url(host: "x", signedWith: stranger)])
            #expect(forged.status == .unprocessableContent)
            #expect(try code(forged) == "invalid_signature")

            let database = try await server.store.open()
            let key = try await VenueKeyring(keys: SigningKeyRepository(database: database), clock: server.clock.wallClock).signingKey()
            try await database.shutdown()
            var unknown = forgedPass
            unknown.venueID = 999_999
            let missing = try await client.postJSON("/api/v1/checkins", ["qr": try unknown.signed(with: key.key)])
            #expect(missing.status == .notFound)
            #expect(try code(missing) == "unknown_venue")
            #expect(try code(try await client.postJSON("/api/v1/checkins", ["qr": "garbage"])) == "malformed_qr")

            for (body, field) in [
                (["qr": venue.url, "time": (server.clock.now + 3600).formatted(.iso8601)], "time"),
                (["qr": venue.url, "time": (server.clock.now - 22 * 86_400).formatted(.iso8601)], "time"),
                (["qr": venue.url, "time": "yesterday"], "time"),
                (["qr": venue.url, "phone": "12345"], "phone"),
                (["qr": venue.url, "deviceId": "x"], "deviceId"),
            ] {
                let response = try await client.postJSON("/api/v1/checkins", body)
                #expect(response.status == .unprocessableContent, "\(body)")
                #expect((try response.json()["errors"] as? [[String: String]])?.first?["field"] == field, "\(body)")
            }
        }
    }

    @Test("one phone may check in at most 30 times an hour")
    func flood() async throws {
        try await TestServer.run { server, client in
            let venue = try await approvedVenue(server, client)
            for _ in 0..<CheckInWriter.maximumCheckInsPerHour {
                let visit = try await client.postJSON("/api/v1/checkins", ["qr": venue.url, "deviceId": "flooding-device"]).json()
                let id = try #require(visit["visitId"] as? Int)
                _ = try await client.postJSON("/api/v1/checkins/\(id)/checkout", ["token": try #require(visit["checkoutToken"] as? String)])
            }
            let refused = try await client.postJSON("/api/v1/checkins", ["qr": venue.url, "deviceId": "flooding-device"])
            #expect(refused.status == .tooManyRequests)
            #expect(try refused.json()["code"] as? String == "rate_limited")
        }
    }

    @Test("check-ins at once: each gets its own visit and secret; one phone's re-scans join its one visit", arguments: TestEngine.available)
    func concurrentCheckIns(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let venue = try await approvedVenue(server, client)
            let devices = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for device in 0..<60 {
                    group.addTask {
                        let visit = try await client.postJSON("/api/v1/checkins", ["qr": venue.url, "deviceId": "crowd-device-\(device)"]).json()
                        return (try #require(visit["visitId"] as? Int), try #require(visit["checkoutToken"] as? String))
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            #expect(devices.count == 60, "sixty visits")
            for (visitID, token) in devices.prefix(10) {
                #expect(try await client.postJSON("/api/v1/checkins/\(visitID)/checkout", ["token": token]).status == .ok, "each secret opens its own visit")
            }

            let rescans = try await withThrowingTaskGroup(of: (HTTPResponse.Status, Int?).self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        let response = try await client.postJSON("/api/v1/checkins", ["qr": venue.url, "phone": "0987 654 321", "deviceId": "rescanning-app"])
                        return (response.status, try response.json()["visitId"] as? Int)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(rescans.count(where: { $0.0 == .created }) == 1 && rescans.count(where: { $0.0 == .ok }) == 19)
            #expect(Set(rescans.map(\.1)).count == 1, "one visit, extended by the other scans")
        }
    }

    @Test("a poster scanned before is still refused once it has expired, and a forged copy never checks in")
    func rememberedPassesExpire() async throws {
        try await TestServer.run { server, client in
            let venue = try await approvedVenue(server, client)
            #expect(try await client.postJSON("/api/v1/checkins", ["qr": venue.url, "deviceId": "device-early"]).status == .created)
            var forged = Array(venue.url.utf8)
            forged[forged.count - 10] = forged[forged.count - 10] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            let refused = try await client.postJSON("/api/v1/checkins", ["qr": String(decoding: forged, as: UTF8.self), "deviceId": "device-forger"])
            #expect(try refused.json()["code"] as? String == "invalid_signature")
            server.clock.advance(by: 400 * 86_400)
            let late = try await client.postJSON("/api/v1/checkins", ["qr": venue.url, "deviceId": "device-late"])
            #expect(late.status == .unprocessableContent)
            #expect(try late.json()["code"] as? String == "expired_qr")
        }
    }

    @Test("text around a pass neither costs a signature check nor a place among the remembered passes")
    func junkAroundAPass() async throws {
        try await TestServer.run { server, client in
            let venue = try await approvedVenue(server, client)
            let pass = try #require(venue.url.split(separator: "#").last.map(String.init))
            @Sendable func scanAll(_ verifier: VenuePassVerifier) async throws {
                for index in 0..<50 {
                    let text = index == 0 ? venue.url : "https://junk-\(index).example/c?x=\(index)#\(pass)"
                    let verified = try await verifier.verify(text, now: server.clock.now)
                    #expect(verified.venueID == Int64(venue.id))
                }
                #expect(await verifier.rememberedPasses == 1, "one pass, remembered once")
                await #expect(throws: VenuePass.Failure.self) { try await verifier.verify("junk#not-a-pass", now: server.clock.now) }
                #expect(await verifier.rememberedPasses == 1)
            }
            let database = try await server.store.open()
            try await scanAll(VenuePassVerifier(keyring: VenueKeyring(keys: SigningKeyRepository(database: database), clock: server.clock.wallClock)))
            try await database.shutdown()
        }
    }

    @Test("an address that previews or checks in past its budget is told to wait")
    func addressBudget() async throws {
        try await TestServer.run(configure: { $0.addressLimits.checkIns = 5 }) { server, client in
            let venue = try await approvedVenue(server, client)
            for _ in 0..<3 { #expect(try await client.postJSON("/api/v1/checkins/preview", ["qr": venue.url]).status == .ok) }
            for _ in 0..<2 { #expect(try await client.postJSON("/api/v1/checkins", ["qr": venue.url]).status == .created, "no phone, no device: still counted") }
            let refused = try await client.postJSON("/api/v1/checkins/preview", ["qr": venue.url])
            #expect(refused.status == .tooManyRequests && refused.headers[.retryAfter] == "60")
            #expect(try refused.json()["code"] as? String == "rate_limited")
            #expect(try await client.postJSON("/api/v1/checkins", ["qr": venue.url]).status == .tooManyRequests)
        }
    }
}
