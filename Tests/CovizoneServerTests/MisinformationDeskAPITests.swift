import CovizoneCore
@testable import CovizoneServer
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Misinformation desk API: tips and posts into claims, decided, answered, published, taken down")
struct MisinformationDeskAPITests {
    static let saltWater = "Uống nước muối ấm mỗi sáng diệt sạch virus corona trong cổ họng, bác sĩ khuyên chia sẻ ngay!"
    static let saltWaterPlain = "nuoc muoi am uong moi sang diet sach virus corona trong co hong"
    static let schools = "Hà Nội cho học sinh đi học trở lại từ thứ Hai tuần sau theo quyết định của thành phố."

    /// Posts as JSON lines for `POST /api/v1/misinformation/posts/import`.
    static func jsonLines(_ rows: [[String: Any]]) throws -> String {
        try rows.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }.joined(separator: "\n")
    }

    static func importPosts(_ body: String, contentType: String = "application/x-ndjson", as desk: CampaignClient) async throws -> TestResponse {
        try await desk.client.execute(
            uri: "/api/v1/misinformation/posts/import", method: .post, headers: [.authorization: "Bearer \(desk.token)", .contentType: contentType],
            body: ByteBuffer(string: body)
        )
    }

    @Test("a tip joins the claim its words repeat, with or without diacritics; posts join it once each; the desk decides, publishes, answers and asks for a takedown", arguments: TestEngine.available)
    func mainPath(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            let first = try await client.postJSON("/api/v1/misinformation/tips", ["text": Self.saltWater, "platform": "facebook", "phone": "0912 345 678"])
            #expect(first.status == .accepted, "\(first.text)")
            let claimID = try #require(try first.json()["claimId"] as? Int)
            let plain = try await client.postJSON("/api/v1/misinformation/tips", ["text": Self.saltWaterPlain])
            #expect(try plain.json()["claimId"] as? Int == claimID, "the same claim without diacritics, words reordered")
            let other = try await client.postJSON("/api/v1/misinformation/tips", ["text": Self.schools])
            #expect(try other.json()["claimId"] as? Int != claimID)

            let posts = try Self.jsonLines([
                ["platform": "facebook", "url": "https://www.facebook.com/groups/1/posts/2/?fbclid=x", "author": "tin-nong-24h", "text": Self.saltWater + " Ai chưa biết thì xem.",
                 "postedAt": "2027-01-14T08:00:00Z", "likes": 1200, "comments": 80, "shares": 3400],
                ["platform": "facebook", "url": "https://facebook.com/groups/1/posts/2", "text": Self.saltWater],
                ["platform": "facebook", "url": "https://facebook.com/groups/1/posts/3", "text": "Mỗi sáng uống nước muối ấm là diệt sạch virus corona, chia sẻ cho người thân"],
                ["platform": "myspace", "url": "not a url", "text": "x"],
            ])
            let imported = try await Self.importPosts(posts, as: admin)
            #expect(imported.status == .created, "\(imported.text)")
            let report = try imported.json()
            #expect(report["imported"] as? Int == 2 && report["duplicates"] as? Int == 1 && report["rejected"] as? Int == 1)
            #expect(report["claimIds"] as? [Int] == [claimID], "both posts repeat the tipped claim")
            let errors = try #require(report["errors"] as? [[String: Any]])
            #expect(Set(errors.compactMap { $0["field"] as? String }) == ["platform", "url", "text"] && errors.allSatisfy { $0["line"] as? Int == 4 })

            let similar = try await admin.send(.get, "/api/v1/misinformation/similar?text=nuoc%20muoi%20diet%20virus%20corona").json()
            let closest = try #require((similar["items"] as? [[String: Any]])?.first)
            #expect(closest["claimId"] as? Int == claimID)
            #expect((0...1).contains(closest["similarity"] as? Double ?? -1))

            let detail = try await admin.send(.get, "/api/v1/misinformation/claims/\(claimID)").json()
            let items = try #require(detail["items"] as? [[String: Any]])
            #expect(items.count == 4 && items.filter { $0["kind"] as? String == "post" }.count == 2)
            #expect(items.first?["phone"] as? String == "•••••••••678", "the desk sees the tipper's phone masked")
            let audit = try await admin.send(.get, "/api/v1/audit?limit=50").json()["items"] as? [[String: Any]] ?? []
            #expect(audit.contains { $0["action"] as? String == "misinformation.claim.read" }, "reading a tip with a phone is audited")

            let unpublishable = try await admin.send(.patch, "/api/v1/misinformation/claims/\(claimID)", json: ["status": "false", "publish": true])
            let refusedFields = try unpublishable.problem.errors?.map(\.field)
            #expect(unpublishable.status == .unprocessableContent && refusedFields == ["publish"])
            #expect(try await admin.send(.patch, "/api/v1/misinformation/claims/\(claimID)", json: ["status": "in-progress", "note": "Đã hỏi Bộ Y tế"]).status == .ok)
            let decided = try await admin.send(.patch, "/api/v1/misinformation/claims/\(claimID)", json: [
                "status": "false", "publish": true, "sourceUrl": "https://moh.gov.vn/tin-tuc/nuoc-muoi",
                "verdict": ["vi": "Nước muối không diệt được virus; Bộ Y tế khuyến cáo tiêm vắc xin và đeo khẩu trang.", "en": "Salt water does not kill the virus."],
            ])
            #expect(decided.status == .ok, "\(decided.text)")
            #expect(try decided.json()["publishedAt"] as? String != nil)
            let afterwards = try await admin.send(.get, "/api/v1/misinformation/claims/\(claimID)").json()
            let history = try #require(afterwards["history"] as? [[String: Any]])
            #expect(history.compactMap { $0["kind"] as? String } == ["status", "note", "status", "verdict", "source", "published", "answered"])
            #expect(history.allSatisfy { ["admin", "system"].contains($0["actor"] as? String) })
            let tip = try #require((afterwards["items"] as? [[String: Any]])?.first)
            #expect(tip["phone"] == nil && tip["answeredAt"] as? String != nil, "the tipper was texted the verdict and the phone forgotten")

            let repeated = try await client.postJSON("/api/v1/misinformation/tips", ["text": "uong nuoc muoi am diet virus corona that khong?"])
            let verdict = try #require(try repeated.json()["verdict"] as? [String: Any])
            #expect(verdict["status"] as? String == "false" && (verdict["url"] as? String)?.hasSuffix("/misinformation/verdicts/\(claimID)") == true)

            let reviews = try await client.get("/api/v1/misinformation/claim-reviews")
            #expect(reviews.status == .ok)
            let review = try #require((try reviews.json()["items"] as? [[String: Any]])?.first)
            #expect(review["@type"] as? String == "ClaimReview" && review["@context"] as? String == "https://schema.org")
            #expect((review["reviewRating"] as? [String: Any])?["ratingValue"] as? Int == 1)
            let appearances = ((review["itemReviewed"] as? [String: Any])?["appearance"] as? [[String: Any]])?.compactMap { $0["url"] as? String } ?? []
            #expect(appearances.contains("https://facebook.com/groups/1/posts/3"))

            let takedown = try await admin.send(.post, "/api/v1/misinformation/takedowns", json: ["claimId": claimID, "platform": "facebook"])
            #expect(takedown.status == .created, "\(takedown.text)")
            let request = try takedown.json()
            let takedownID = try #require(request["id"] as? Int)
            #expect((request["itemIds"] as? [Int])?.count == 2 && request["legalBasis"] as? String == server.configuration.misinformation.defaultLegalBasis)
            let early = try await admin.send(.patch, "/api/v1/misinformation/takedowns/\(takedownID)", json: ["action": "close", "outcome": "removed"])
            #expect(early.status == .conflict, "a request not sent cannot be closed")
            let sent = try await admin.send(.patch, "/api/v1/misinformation/takedowns/\(takedownID)", json: ["action": "send"]).json()
            let sentAt = try #require((sent["sentAt"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
            #expect((sent["dueAt"] as? String).flatMap { try? Date($0, strategy: .iso8601) } == sentAt + 24 * 3600)
            server.clock.advance(by: 25 * 3600)
            let renewed = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))  // tokens last 8 hours
            let open = try await renewed.send(.get, "/api/v1/misinformation/takedowns?open=true").json()["items"] as? [[String: Any]]
            #expect(open?.first?["overdue"] as? Bool == true)
            let closed = try await renewed.send(.patch, "/api/v1/misinformation/takedowns/\(takedownID)", json: ["action": "close", "outcome": "removed"]).json()
            #expect(closed["outcome"] as? String == "removed" && closed["closedAt"] as? String != nil)
            let export = try await renewed.send(.get, "/api/v1/misinformation/takedowns/\(takedownID)/export?format=csv")
            #expect(export.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = export.text.split(separator: "\r\n")
            #expect(lines.first == "request_id,platform,url,author,posted_at,excerpt,claim_id,verdict,legal_basis,requested_at" && lines.count == 3)
            #expect(export.text.contains("https://www.facebook.com/groups/1/posts/2/?fbclid=x") && export.text.contains("tin-nong-24h"))

            let figures = try await renewed.send(.get, "/api/v1/misinformation/figures?days=7").json()
            #expect((figures["claimsByStatus"] as? [String: Int])?["false"] == 1 && (figures["claimsByStatus"] as? [String: Int])?["undetermined"] == 1)
            #expect((figures["days"] as? [[String: Any]])?.compactMap { $0["tips"] as? Int }.reduce(0, +) == 4, "three tips and the one the verdict answered at once")
            let facebook = (figures["takedowns"] as? [[String: Any]])?.first
            #expect(facebook?["platform"] as? String == "facebook" && (facebook?["outcomes"] as? [String: Int])?["removed"] == 1 && facebook?["overdue"] as? Int == 1)
        }
    }
}
