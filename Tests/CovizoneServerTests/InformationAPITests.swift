@testable import CovizoneServer
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Official information: entries, search, synonyms and questions")
struct InformationAPITests {
    nonisolated(unsafe) static let isolation: [String: Any] = [
        "question": ["vi": "Cách ly tại nhà bao nhiêu ngày?", "en": "How many days of home isolation?"],
        "answer": ["vi": "F0 cách ly tại nhà 7 ngày; test nhanh âm tính thì kết thúc."],
        "shortAnswer": ["vi": "F0 cách ly tại nhà 7 ngày."], "topics": ["cách ly"], "publish": true,
    ]

    @Test("officers write entries (201), citizens search them without diacritics; drafts and other provinces' entries stay hidden", arguments: TestEngine.available)
    func entriesAndSearch(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            let created = try await admin.send(.post, "/api/v1/info/entries", json: Self.isolation)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(try created.json()["id"] as? Int)
            #expect(try created.json()["revision"] as? Int == 1)
            try await server.addAccount("officer-hn", role: .provinceOfficer, province: "01")
            let officer = CampaignClient(client: client, token: try await client.token(username: "officer-hn", password: "correct horse battery"))
            let local = try await officer.send(.post, "/api/v1/info/entries", json: [
                "question": ["vi": "Hà Nội: xét nghiệm miễn phí ở đâu?"], "answer": ["vi": "Tại trung tâm y tế các quận."], "provinceCode": "01", "publish": true,
            ])
            #expect(local.status == .created, "\(local.text)")
            let localID = try #require(try local.json()["id"] as? Int)
            #expect(try await officer.send(.post, "/api/v1/info/entries", json: Self.isolation).status == .forbidden, "national texts are the ministry's")
            #expect(try await officer.send(.put, "/api/v1/info/entries/\(id)", json: Self.isolation).status == .forbidden)
            let draft = try await admin.send(.post, "/api/v1/info/entries", json: ["question": ["vi": "Cách ly F1 bí mật"], "answer": ["vi": "Chưa công bố."]])
            let draftID = try #require(try draft.json()["id"] as? Int)

            let found = try await client.get("/api/v1/info/search?q=cach%20ly%20tai%20nha")
            #expect(found.status == .ok)
            let items = try #require(try found.json()["items"] as? [[String: Any]])
            #expect(items.first?["id"] as? Int == id && (items.first?["question"] as? [String: Any])?["en"] as? String == "How many days of home isolation?")
            #expect(items.contains { $0["id"] as? Int == draftID } == false, "a draft is not found")
            #expect(try await client.get("/api/v1/info/entries/\(draftID)").status == .notFound, "nor shown to citizens")
            #expect(try await admin.send(.get, "/api/v1/info/entries/\(draftID)").status == .ok)
            let hanoi = try #require(try await client.get("/api/v1/info/search?q=xet%20nghiem%20mien%20phi&province=01").json()["items"] as? [[String: Any]])
            #expect(hanoi.first?["id"] as? Int == localID)
            let elsewhere = try #require(try await client.get("/api/v1/info/search?q=xet%20nghiem%20mien%20phi&province=79").json()["items"] as? [[String: Any]])
            #expect(elsewhere.contains { $0["id"] as? Int == localID } == false)
            #expect(try await client.get("/api/v1/info/search?q=%20%3F").status == .unprocessableContent)
            #expect(try await client.get("/api/v1/info/search?q=a&province=99").status == .unprocessableContent)

            let revised = try await admin.send(.put, "/api/v1/info/entries/\(id)", json: Self.isolation.merging(["answer": ["vi": "F0 cách ly 5 ngày."]]) { $1 })
            #expect(try revised.json()["revision"] as? Int == 2)
            let revisions = try #require(try await admin.send(.get, "/api/v1/info/entries/\(id)/revisions").json()["items"] as? [[String: Any]])
            #expect(revisions.map { $0["revision"] as? Int } == [1, 2] && revisions.allSatisfy { $0["actor"] as? String == "admin" })
            let after = try #require(try await client.get("/api/v1/info/search?q=cach%20ly%205%20ngay").json()["items"] as? [[String: Any]])
            #expect(((after.first?["answer"] as? [String: Any])?["vi"] as? String) == "F0 cách ly 5 ngày.", "search reads the new revision")

            let invalid = try await admin.send(.post, "/api/v1/info/entries", json: [
                "question": ["vi": " "], "answer": ["vi": String(repeating: "x", count: 4_001)], "provinceCode": "99", "validFrom": "tomorrow",
                "shortAnswer": ["vi": String(repeating: "y", count: 281)],
            ])
            #expect(Set(try invalid.problem.errors?.map(\.field) ?? []) == ["question.vi", "answer.vi", "provinceCode", "validFrom", "shortAnswer.vi"])
            #expect(try await client.execute(uri: "/api/v1/info/entries", method: .post, headers: [.contentType: "application/json"], body: .init(string: "{}")).status == .unauthorized)
        }
    }

    @Test("synonyms kept by officers widen search; a bad list is refused whole", arguments: TestEngine.available)
    func synonyms(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            _ = try await admin.send(.post, "/api/v1/info/entries", json: [
                "question": ["vi": "Xét nghiệm ở đâu?"], "answer": ["vi": "Tại trạm y tế phường."], "publish": true,
            ])
            #expect(try await client.get("/api/v1/info/search?q=test%20o%20dau").json()["items"] as? [[String: Any]] != nil)
            let before = try #require(try await client.get("/api/v1/info/search?q=test").json()["items"] as? [[String: Any]])
            #expect(before.isEmpty)
            let bad = try await admin.send(.put, "/api/v1/info/synonyms", json: ["groups": [["xét nghiệm", "test"], ["TEST", "kiểm tra"]]])
            #expect(bad.status == .unprocessableContent)
            #expect(try bad.problem.errors?.map(\.field) == ["groups[1]"])
            let saved = try await admin.send(.put, "/api/v1/info/synonyms", json: ["groups": [["xét nghiệm", "test"]]])
            #expect(saved.status == .ok, "\(saved.text)")
            let after = try #require(try await client.get("/api/v1/info/search?q=test").json()["items"] as? [[String: Any]])
            #expect(after.count == 1)
            #expect(try await client.get("/api/v1/info/synonyms").json()["groups"] as? [[String]] == [["xét nghiệm", "test"]])
            #expect(try await client.execute(uri: "/api/v1/info/synonyms", method: .put, headers: [.contentType: "application/json"], body: .init(string: "{\"groups\": []}")).status == .unauthorized)
        }
    }

    @Test("citizens ask; officers see the same question asked three ways as one group, answer it into an entry that search then finds", arguments: TestEngine.available)
    func questions(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            for text in ["Chó mèo có lây Covid không?", "chó mèo có lây covid ko", "Thú cưng có lây Covid không", "Đi chợ mấy lần một tuần?"] {
                let asked = try await client.execute(
                    uri: "/api/v1/info/questions", method: .post, headers: [.contentType: "application/json"],
                    body: .init(data: try JSONSerialization.data(withJSONObject: ["text": text]))
                )
                #expect(asked.status == .created, "\(asked.text)")
            }
            let short = try await client.execute(uri: "/api/v1/info/questions", method: .post, headers: [.contentType: "application/json"], body: .init(string: #"{"text": "?"}"#))
            #expect(try short.problem.errors?.map(\.field) == ["text"])
            try await server.addAccount("officer-hn", role: .provinceOfficer, province: "01")
            let officer = CampaignClient(client: client, token: try await client.token(username: "officer-hn", password: "correct horse battery"))
            let groups = try #require(try await officer.send(.get, "/api/v1/info/questions/groups").json()["items"] as? [[String: Any]])
            #expect(groups.map { $0["count"] as? Int } == [2, 1, 1] || groups.map { $0["count"] as? Int } == [3, 1])
            let first = try #require(groups.first?["questions"] as? [[String: Any]])
            let ids = first.compactMap { $0["id"] as? Int }
            let answered = try await officer.send(.post, "/api/v1/info/questions/answer", json: [
                "questionIds": ids,
                "entry": ["question": ["vi": "Chó mèo có lây COVID-19 không?"], "answer": ["vi": "Chưa có bằng chứng vật nuôi lây cho người."], "provinceCode": "01", "publish": true],
            ])
            #expect(answered.status == .created, "\(answered.text)")
            #expect(try answered.json()["closed"] as? Int == ids.count)
            let remaining = try #require(try await officer.send(.get, "/api/v1/info/questions/groups").json()["items"] as? [[String: Any]])
            #expect(remaining.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == 4 - ids.count)
            let found = try #require(try await client.get("/api/v1/info/search?q=cho%20meo%20lay%20covid").json()["items"] as? [[String: Any]])
            #expect(found.first?["id"] as? Int == (try answered.json()["entryId"] as? Int))
            #expect(try await officer.send(.post, "/api/v1/info/questions/dismiss", json: ["questionIds": [999_999]]).status == .unprocessableContent)
            #expect(try await client.get("/api/v1/info/questions/groups").status == .unauthorized)
        }
    }

    @Test("citizens' questions are deleted 90 days after they were asked, answered or not", arguments: TestEngine.available)
    func retention(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            func ask(_ text: String) async throws {
                let body = try JSONSerialization.data(withJSONObject: ["text": text])
                #expect(try await client.execute(uri: "/api/v1/info/questions", method: .post, headers: [.contentType: "application/json"], body: .init(data: body)).status == .created)
            }
            func open() async throws -> [String] {
                let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
                let groups = try await admin.send(.get, "/api/v1/info/questions/groups").json()["items"] as? [[String: Any]] ?? []
                return groups.flatMap { $0["questions"] as? [[String: Any]] ?? [] }.compactMap { $0["text"] as? String }
            }
            try await ask("Câu hỏi cũ về cách ly")
            server.clock.advance(by: 60 * 86_400)
            try await ask("Câu hỏi mới về tiêm chủng")
            server.clock.advance(by: 31 * 86_400)
            try await server.withDatabase { try await server.retention($0).purgeOnce() }
            #expect(try await open() == ["Câu hỏi mới về tiêm chủng"])
        }
    }
}
