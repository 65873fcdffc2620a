import CovizoneCore
@testable import CovizoneServer
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@Suite("Misinformation desk: who sees what, what is refused, how much one address may send")
struct MisinformationDeskRulesTests {
    @Test("province desks see their province's and national claims; a national claim changes only when taken into their province; others are refused", arguments: TestEngine.available)
    func scope(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("hcm-desk", role: .provinceOfficer, province: "79")
            try await server.addAccount("hn-analyst", role: .misinformationAnalyst, province: "01")
            try await server.addAccount("cafe", role: .venueOwner, province: "79")
            let hcm = CampaignClient(client: client, token: try await client.token(username: "hcm-desk", password: "correct horse battery"))
            let hanoi = CampaignClient(client: client, token: try await client.token(username: "hn-analyst", password: "correct horse battery"))
            let cafe = CampaignClient(client: client, token: try await client.token(username: "cafe", password: "correct horse battery"))
            let national = try await client.postJSON("/api/v1/misinformation/tips", ["text": "Vắc xin COVID-19 có gắn chip theo dõi người tiêm"]).json()["claimId"] as? Int
            let hanoiClaim = try await client.postJSON(
                "/api/v1/misinformation/tips", ["text": "Hà Nội phong toả toàn thành phố từ 0 giờ ngày mai, cấm mọi người ra đường", "provinceCode": "01"]
            ).json()["claimId"] as? Int
            let seenByHCM = try #require(try await hcm.send(.get, "/api/v1/misinformation/claims").json()["items"] as? [[String: Any]])
            #expect(seenByHCM.compactMap { $0["id"] as? Int } == [national].compactMap { $0 }, "national yes, Hà Nội's no")
            #expect(try await hcm.send(.get, "/api/v1/misinformation/claims/\(hanoiClaim ?? 0)").status == .notFound)
            #expect(try await hanoi.send(.get, "/api/v1/misinformation/claims/\(hanoiClaim ?? 0)").status == .ok)
            let untaken = try await hcm.send(.patch, "/api/v1/misinformation/claims/\(national ?? 0)", json: ["status": "in-progress"])
            #expect(untaken.status == .forbidden, "a national claim is the ministry's")
            let taken = try await hcm.send(.patch, "/api/v1/misinformation/claims/\(national ?? 0)", json: ["status": "in-progress", "provinceCode": "79"])
            let takenProvince = try taken.json()["provinceCode"] as? String
            #expect(taken.status == .ok && takenProvince == "79")
            #expect(try await hanoi.send(.get, "/api/v1/misinformation/claims/\(national ?? 0)").status == .notFound, "now Hồ Chí Minh City's")
            #expect(try await cafe.send(.get, "/api/v1/misinformation/queue").status == .forbidden)
            #expect(try await client.get("/api/v1/misinformation/claims").status == .unauthorized)
            #expect(try await client.get("/api/v1/misinformation/claim-reviews").status == .ok, "published verdicts are public")
        }
    }

    @Test("bad tips, patches, takedowns and imports are refused field by field; an address past its hourly budget gets 429")
    func refusals() async throws {
        try await TestServer.run(configure: {
            $0.misinformation.tipsPerAddressPerHour = 3
            $0.addressLimits.lookUps = 2
        }) { server, client in
            let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            let bad = try await client.postJSON("/api/v1/misinformation/tips", ["text": "x", "url": "javascript:alert(1)", "platform": "myspace", "phone": "123", "provinceCode": "99"])
            #expect(bad.status == .unprocessableContent)
            #expect(Set(try bad.problem.errors?.map(\.field) ?? []) == ["text", "url", "platform", "phone", "provinceCode"])
            let noText = try await client.postJSON("/api/v1/misinformation/tips", ["url": "https://x.vn"])
            let noTextFields = try noText.problem.errors?.map(\.field)
            #expect(noText.status == .unprocessableContent && noTextFields == ["text"])
            var statuses: [HTTPResponse.Status] = []
            for index in 0..<4 {
                statuses.append(try await client.postJSON("/api/v1/misinformation/tips", ["text": "Tin đồn số \(index) về dịch bệnh đang lan truyền"]).status)
            }
            #expect(statuses == [.accepted, .accepted, .accepted, .tooManyRequests])
            let claim = try #require(try await admin.send(.get, "/api/v1/misinformation/claims?limit=1").json()["items"] as? [[String: Any]]).first?["id"] as? Int ?? 0
            let badPatch = try await admin.send(.patch, "/api/v1/misinformation/claims/\(claim)", json: ["status": "fake", "evidence": ["ftp://x"]])
            #expect(badPatch.status == .badRequest || badPatch.status == .unprocessableContent)
            let badFields = try await admin.send(.patch, "/api/v1/misinformation/claims/\(claim)", json: ["evidence": ["ftp://x"], "provinceCode": "99", "verdict": ["vi": " "]])
            #expect(Set(try badFields.problem.errors?.map(\.field) ?? []) == ["evidence", "provinceCode", "verdict.vi"])
            #expect(try await admin.send(.patch, "/api/v1/misinformation/claims/\(claim)", json: [:]).status == .badRequest)
            #expect(try await admin.send(.patch, "/api/v1/misinformation/claims/999999", json: ["status": "true"]).status == .notFound)
            let undecided = try await admin.send(.post, "/api/v1/misinformation/takedowns", json: ["claimId": claim, "platform": "facebook"])
            let undecidedFields = try undecided.problem.errors?.map(\.field)
            #expect(undecided.status == .unprocessableContent && undecidedFields == ["claimId"])
            let wrongType = try await client.execute(
                uri: "/api/v1/misinformation/posts/import", method: .post, headers: [.authorization: "Bearer \(admin.token)", .contentType: "application/pdf"],
                body: ByteBuffer(string: "%PDF")
            )
            #expect(wrongType.status == .unsupportedMediaType)
            let missingColumn = try await MisinformationDeskAPITests.importPosts("platform,text\nfacebook,tin\n", contentType: "text/csv", as: admin)
            #expect(missingColumn.status.code / 100 == 4 && missingColumn.text.contains("url"))
            #expect(try await admin.send(.post, "/api/v1/misinformation/models").status == .conflict, "too few verdicts to train")
            let reads = [
                try await client.get("/api/v1/misinformation/claim-reviews").status, try await client.get("/misinformation/verdicts").status,
                try await client.get("/api/v1/misinformation/claim-reviews").status,
            ]
            #expect(reads == [.ok, .ok, .tooManyRequests], "the published verdicts count as look-ups")
        }
    }
}

@Suite("Misinformation desk: what is kept, and how long")
struct MisinformationRetentionTests {
    @Test("a tipper's phone waiting for a verdict is forgotten after 90 days; a spreader account without news after its retention, its decisions with it", arguments: TestEngine.available)
    func retention(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let tip = try await client.postJSON("/api/v1/misinformation/tips", ["text": "Sóng 5G làm lây lan virus corona nhanh hơn", "phone": "0912345678"]).json()
            let claimID = try #require(tip["claimId"] as? Int)
            let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            #expect(try await admin.send(.patch, "/api/v1/misinformation/claims/\(claimID)", json: ["status": "false"]).status == .ok)
            let linked = try await admin.send(.post, "/api/v1/misinformation/accounts", json: ["platform": "facebook", "handle": "tin.nong.5g", "claimId": claimID])
            #expect(linked.status == .created, "\(linked.text)")
            let accountID = try #require(try linked.json()["id"] as? Int)
            let decided = try await admin.send(.post, "/api/v1/misinformation/accounts/\(accountID)/decisions", json: ["kind": "warning", "basis": "Nghị định 15/2020/NĐ-CP"])
            let decisions = try decided.json()["decisions"] as? [[String: Any]]
            #expect(decided.status == .created && decisions?.first?["officer"] as? String == "admin")
            let audit = try await admin.send(.get, "/api/v1/audit?limit=50").json()["items"] as? [[String: Any]] ?? []
            #expect(audit.contains { $0["action"] as? String == "misinformation.account.link" })

            server.clock.advance(by: 91 * 86_400)
            try await server.withDatabase { try await server.retention($0).purgeOnce() }
            let renewed = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            let items = try await renewed.send(.get, "/api/v1/misinformation/claims/\(claimID)").json()["items"] as? [[String: Any]]
            #expect(items?.first?["phone"] == nil, "the phone is gone though no verdict was sent")
            #expect(try await renewed.send(.get, "/api/v1/misinformation/accounts/\(accountID)").status == .ok, "within the year")
            server.clock.advance(by: 275 * 86_400)
            try await server.withDatabase { try await server.retention($0).purgeOnce() }
            let later = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            #expect(try await later.send(.get, "/api/v1/misinformation/accounts/\(accountID)").status == .notFound)
        }
    }
}
