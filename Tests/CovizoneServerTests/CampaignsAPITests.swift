@testable import CovizoneServer
import CovizoneCore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Campaign API: audiences, templates, approval and the life cycle")
struct CampaignsAPITests {
    static let csv = """
        msisdn,province,operator,group
        0912345678,01,,teachers
        +84 987 654 321,01
        84901234567,01,viettel,
        0912345678,01
        0241234567,01
        0363333333,99
        0364444444,79
        "0365555555",01,,"nhóm, phường"
        """

    static let template = "Sở Y tế {province}: hãy cài đặt ứng dụng Bluezone để được cảnh báo khi tiếp xúc gần người nhiễm COVID-19."

    @Test("an import reports every row; a template and schedule are checked; a second officer approves; scheduling plans the rounds", arguments: TestEngine.available)
    func lifeCycle(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("author", role: .provinceOfficer, province: "01")
            try await server.addAccount("approver", role: .provinceOfficer, province: "01")
            try await server.addAccount("saigon", role: .provinceOfficer, province: "79")
            let author = CampaignClient(client: client, token: try await client.token(username: "author", password: "correct horse battery"))
            let approver = CampaignClient(client: client, token: try await client.token(username: "approver", password: "correct horse battery"))
            let saigon = CampaignClient(client: client, token: try await client.token(username: "saigon", password: "correct horse battery"))

            let (audienceID, report) = try await author.audience("Hà Nội", csv: Self.csv)
            #expect(report["rows"] as? Int == 8 && report["added"] as? Int == 5 && report["duplicates"] as? Int == 1 && report["rejected"] as? Int == 2)
            let problems = try #require(report["problems"] as? [[String: Any]])
            #expect(problems.map { "\($0["line"] ?? "")=\($0["problem"] ?? "")" } == ["6=not_a_vietnamese_mobile", "7=unknown_province"])
            #expect(try await saigon.send(.get, "/api/v1/audiences/\(audienceID)").status == .notFound, "another province's list")

            let start = VietnamLocalTime.string(of: server.clock.wallClock.now + 3600)
            let bad = try await author.send(
                .post, "/api/v1/campaigns",
                json: campaignBody(audienceID: audienceID, start: start, template: "Xin chào {name}", maximumParts: 1,
                    extra: ["schedule": ["start": start, "repeatEveryDays": 0], "sender": "", "segment": ["operators": ["vinafone"]]])
            )
            #expect(bad.status == .unprocessableContent)
            let fields = Set(try #require(try bad.json()["errors"] as? [[String: Any]]).compactMap { $0["field"] as? String })
            #expect(fields == ["template", "sender", "segment.operators", "schedule.repeatEveryDays", "schedule.until"])
            let tooLong = try await author.send(
                .post, "/api/v1/campaigns", json: campaignBody(audienceID: audienceID, start: start, template: Self.template, maximumParts: 1)
            )
            #expect(tooLong.status == .unprocessableContent && tooLong.text.contains("parts"))

            let created = try await author.send(
                .post, "/api/v1/campaigns", json: campaignBody(audienceID: audienceID, start: start, template: Self.template)
            )
            #expect(created.status == .created, "\(created.text)")
            let campaign = try created.json()
            let id = try #require(campaign["id"] as? Int)
            #expect(campaign["status"] as? String == "draft" && campaign["provinceCode"] as? String == "01")
            let preview = try #require(campaign["preview"] as? [String: Any])
            #expect(preview["encoding"] as? String == "UCS2" && preview["parts"] as? Int == 2)
            let estimate = try #require(campaign["estimate"] as? [String: Any])
            #expect(estimate["recipients"] as? Int == 4, "the members in Hà Nội (the campaign's province)")
            #expect(estimate["units"] as? Int == 8)

            let plain = try await author.send(
                .put, "/api/v1/campaigns/\(id)",
                json: campaignBody(audienceID: audienceID, start: start, template: Self.template, extra: ["noDiacritics": true])
            )
            #expect(try plain.json()["preview"].flatMap { $0 as? [String: Any] }?["encoding"] as? String == "GSM7")

            let own = try await author.send(.post, "/api/v1/campaigns/\(id)/approve")
            #expect(own.status == .forbidden && own.text.contains("approver_is_author"))
            #expect(try await approver.send(.post, "/api/v1/campaigns/\(id)/schedule").status == .conflict, "approve first")
            #expect(try await saigon.send(.post, "/api/v1/campaigns/\(id)/approve").status == .notFound)
            #expect(try await approver.send(.post, "/api/v1/campaigns/\(id)/approve").json()["approvedBy"] as? String == "approver")
            let edit = try await author.send(.put, "/api/v1/campaigns/\(id)", json: campaignBody(audienceID: audienceID, start: start, template: "x"))
            #expect(edit.status == .conflict, "an approved campaign is not edited")
            let scheduled = try await author.send(.post, "/api/v1/campaigns/\(id)/schedule").json()
            #expect(scheduled["status"] as? String == "scheduled")
            #expect((scheduled["rounds"] as? [[String: Any]])?.map { $0["status"] as? String } == ["planned"])
            #expect(try await author.send(.post, "/api/v1/campaigns/\(id)/pause").json()["status"] as? String == "paused")
            #expect(try await author.send(.post, "/api/v1/campaigns/\(id)/resume").json()["status"] as? String == "scheduled")
            #expect(try await author.send(.get, "/api/v1/campaigns").json()["items"].flatMap { $0 as? [Any] }?.count == 1)
            #expect(try await saigon.send(.get, "/api/v1/campaigns").json()["items"].flatMap { $0 as? [Any] }?.isEmpty == true)
        }
    }
}
