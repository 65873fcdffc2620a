@testable import CovizoneServer
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Safety map: citizen feedback and moderation")
struct SafetyFeedbackAPITests {
    /// A 1×1 PNG with a text chunk naming its author.
    static let png: Data = {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            [0, 0, 0, UInt8(data.count)] + Array(type.utf8) + data + [0, 0, 0, 0]
        }
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
            + chunk("tEXt", Array("Author\0Nguyen Van A".utf8)) + chunk("IDAT", [1, 2, 3]) + chunk("IEND", [])
        return Data(bytes)
    }()

    @Test("a report waits for review; verified on a critical item it turns the facility red until answered and re-checked", arguments: TestEngine.available)
    func moderation(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let fixture = try await SafetyFixture.make(server, client)
            _ = try await fixture.selfCheck()
            let uri = "/api/v1/safety/facilities/\(fixture.facilityID)/feedback"
            let sent = try await client.postJSON(
                uri, ["category": "no-masks", "text": "Người bán không đeo khẩu trang", "phone": "0987654321", "photo": Self.png.base64EncodedString()]
            )
            #expect(sent.status == .accepted, "\(sent.text)")
            let reportID = try #require(try sent.json()["id"] as? Int)
            #expect((try await client.get(uri).json()["items"] as? [Any])?.isEmpty == true, "not public before review")
            #expect(try await client.get("/api/v1/safety/feedback/\(reportID)/photo").status == .notFound)

            let queue = try #require(try await fixture.officer.send(.get, "/api/v1/safety/feedback?status=in-review").json()["items"] as? [[String: Any]])
            #expect(queue.count == 1 && queue[0]["phone"] as? String == "+84987654321" && queue[0]["critical"] as? Bool == true)
            let photo = try await fixture.officer.send(.get, "/api/v1/safety/feedback/\(reportID)/photo")
            #expect(photo.headers[.contentType] == "image/png")
            #expect(Data(buffer: photo.body).range(of: Data("Nguyen".utf8)) == nil, "the photo's text chunk is gone")

            let verified = try await fixture.officer.send(.post, "/api/v1/safety/feedback/\(reportID)/review", json: ["decision": "verified", "note": "Đã kiểm tra"])
            #expect(verified.status == .ok, "\(verified.text)")
            #expect(try verified.json()["status"] as? String == "verified")
            #expect(try await fixture.facility()["status"] as? String == "unsafe", "a verified critical lapse turns the dot red")
            let published = try #require(try await client.get(uri).json()["items"] as? [[String: Any]])
            #expect(published.count == 1 && published[0]["phone"] == nil && published[0]["hasPhoto"] as? Bool == true)

            _ = try await fixture.selfCheck()
            #expect(try await fixture.facility()["status"] as? String == "unsafe", "a passing self-check alone does not lift it: the report is unanswered")
            let answered = try await fixture.manager.send(.post, "/api/v1/safety/feedback/\(reportID)/answer", json: ["text": "Đã nhắc nhở các tiểu thương"])
            #expect(answered.status == .ok)
            #expect(try answered.json()["answer"] as? String == "Đã nhắc nhở các tiểu thương")
            #expect(try await fixture.facility()["status"] as? String == "unsafe", "still red until the next self-check passes")
            _ = try await fixture.selfCheck()
            #expect(try await fixture.facility()["status"] as? String == "safe")

            let admin = try await client.token(username: "admin", password: server.adminPassword)
            let audit = try #require(try await client.get("/api/v1/audit", token: admin).json()["items"] as? [[String: Any]])
            #expect(audit.contains { $0["action"] as? String == "safety.feedback.read" }, "reading a reporter's phone is audited")
            #expect(audit.contains { $0["action"] as? String == "safety.feedback.review" })
        }
    }

    @Test("reports that cannot be taken say why; only the province's officers moderate, only the manager answers")
    func refusals() async throws {
        try await TestServer.run { server, client in
            let fixture = try await SafetyFixture.make(server, client)
            let uri = "/api/v1/safety/facilities/\(fixture.facilityID)/feedback"
            let bad = try await client.postJSON(uri, ["category": "rude", "text": " ", "phone": "12", "photo": Data("GIF89a".utf8).base64EncodedString()])
            #expect(bad.status == .unprocessableContent)
            #expect(Set(try bad.problem.errors?.map(\.field) ?? []) == ["category", "text", "phone", "photo"])
            #expect(try await client.postJSON("/api/v1/safety/facilities/424242/feedback", ["category": "other", "text": "x"]).status == .notFound)
            let id = try #require(try await client.postJSON(uri, ["category": "no-qr-poster", "text": "Không thấy mã QR"]).json()["id"] as? Int)

            try await server.addAccount("officer-hcm", role: .provinceOfficer, province: "79")
            let stranger = CampaignClient(client: client, token: try await client.token(username: "officer-hcm", password: "correct horse battery"))
            #expect(try await stranger.send(.post, "/api/v1/safety/feedback/\(id)/review", json: ["decision": "verified"]).status == .notFound)
            #expect((try await stranger.send(.get, "/api/v1/safety/feedback").json()["items"] as? [Any])?.isEmpty == true)
            #expect(try await fixture.officer.send(.post, "/api/v1/safety/feedback/\(id)/review", json: ["decision": "maybe"]).problem.errors?.map(\.field) ?? [] == ["decision"])
            #expect(try await fixture.manager.send(.post, "/api/v1/safety/feedback/\(id)/answer", json: ["text": "Đã dán"]).status == .conflict, "not published yet")
            #expect(try await fixture.officer.send(.post, "/api/v1/safety/feedback/\(id)/review", json: ["decision": "published"]).status == .ok)
            #expect(try await fixture.facility()["status"] as? String == "not-reported", "a non-critical report does not turn the dot red")
            #expect(try await fixture.officer.send(.post, "/api/v1/safety/feedback/\(id)/answer", json: ["text": "x"]).status == .forbidden)
        }
    }

    @Test("anonymous reports have a per-address budget")
    func addressBudget() async throws {
        try await TestServer.run(configure: { $0.addressLimits.feedback = 3 }) { server, client in
            let fixture = try await SafetyFixture.make(server, client)
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<5 {
                statuses.append(try await client.postJSON("/api/v1/safety/facilities/\(fixture.facilityID)/feedback", ["category": "crowding", "text": "Đông"]).status)
            }
            #expect(statuses == [.accepted, .accepted, .accepted, .tooManyRequests, .tooManyRequests])
        }
    }

    @Test("a reporter's phone is erased after 30 days, rejected reports go 90 days after review, published ones stay", arguments: TestEngine.available)
    func retention(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let fixture = try await SafetyFixture.make(server, client)
            let uri = "/api/v1/safety/facilities/\(fixture.facilityID)/feedback"
            let kept = try #require(try await client.postJSON(uri, ["category": "crowding", "text": "Đông", "phone": "0987654321"]).json()["id"] as? Int)
            let dropped = try #require(try await client.postJSON(uri, ["category": "other", "text": "Sai"]).json()["id"] as? Int)
            _ = try await fixture.officer.send(.post, "/api/v1/safety/feedback/\(kept)/review", json: ["decision": "published"])
            _ = try await fixture.officer.send(.post, "/api/v1/safety/feedback/\(dropped)/review", json: ["decision": "rejected"])
            func queue(_ officer: CampaignClient) async throws -> [[String: Any]] {
                try await officer.send(.get, "/api/v1/safety/feedback").json()["items"] as? [[String: Any]] ?? []
            }
            server.clock.advance(by: 29 * 86_400)
            try await server.withDatabase { try await server.retention($0).purgeOnce() }
            var officer = try await fixture.signedInAgain().officer
            #expect(try await queue(officer).first { $0["id"] as? Int == kept }?["phone"] as? String == "+84987654321")
            server.clock.advance(by: 2 * 86_400)
            try await server.withDatabase { try await server.retention($0).purgeOnce() }
            officer = try await fixture.signedInAgain().officer
            #expect(try await queue(officer).first { $0["id"] as? Int == kept }?["phone"] == nil, "the phone is gone after 30 days")
            server.clock.advance(by: 60 * 86_400)
            try await server.withDatabase { try await server.retention($0).purgeOnce() }
            officer = try await fixture.signedInAgain().officer
            #expect(try await queue(officer).map { $0["id"] as? Int } == [kept], "the rejected report is gone, the published one stays")
        }
    }
}
