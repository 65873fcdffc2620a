@testable import CovizoneServer
import CommunicationReporting
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

@Suite("Communication reporting: what Covizone fills in, and the ministry DHIS2's codes")
struct ReportingOffersTests {
    /// A sent campaign round due at `due` whose kept figures say how its texts to `province` went.
    static func sentCampaignRound(_ database: Database, due: Date, province: String, delivered: Int, failed: Int) async throws {
        let figures = try StoredJSONForTests.text([
            RoundTally(operatorID: "viettel", provinceCode: province, status: .delivered, messages: delivered, units: delivered),
            RoundTally(operatorID: "viettel", provinceCode: province, status: .failed, messages: failed, units: failed),
            RoundTally(operatorID: "viettel", provinceCode: "01", status: .delivered, messages: 999, units: 999),
        ])
        try await database.withConnection { sql in
            try await sql.raw("INSERT INTO audiences (name, province_code, created_by, created_at) VALUES ('list', NULL, 'admin', 0)").run()
            try await sql.raw(
                """
                INSERT INTO campaigns (name, channel, template, no_diacritics, sender, maximum_parts, audience_id, segment, schedule, status, created_by, created_at, updated_at) \
                SELECT 'tiêm chủng', 'sms', 'x', 1, 'Covizone', 1, MAX(id), 'all', '{}', 'done', 'admin', 0, 0 FROM audiences
                """
            ).run()
            try await sql.raw(
                """
                INSERT INTO campaign_rounds (campaign_id, number, due_at, status, recipients, figures) \
                SELECT MAX(id), 1, \(bind: due.unixSeconds), 'done', \(bind: delivered + failed), \(bind: figures) FROM campaigns
                """
            ).run()
        }
    }

    @Test("a province's own report is offered its SMS row from the campaigns of the period, and every unit its app row from its last report, for the unit to confirm", arguments: TestEngine.available)
    func offers(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let tree = try await ReportingRoundsAPITests.tree(server, client)
            let first = try await ReportingRoundsAPITests.openRound(tree.officer, at: tree.province)
            #expect(try await tree.officer.send(.put, "/api/v1/reporting/rounds/\(first)/reports/\(tree.city)", json: ["values": ["app.staff": 40, "app.installed": 30]]).status == .ok)
            #expect(try await tree.officer.send(.post, "/api/v1/reporting/rounds/\(first)/reports/\(tree.city)/complete").status == .ok)
            let second = try await ReportingRoundsAPITests.openRound(tree.officer, at: tree.province)
            let city = try await tree.officer.send(.get, "/api/v1/reporting/rounds/\(second)/reports/\(tree.city)").json()
            #expect((city["offered"] as? [[String: Any]])?.map { $0["source"] as? String } == ["previous-round"])
            #expect((city["offered"] as? [[String: Any]])?.first?["values"] as? [String: Int] == ["app.staff": 40, "app.installed": 30])

            try await server.withDatabase { database in
                try await Self.sentCampaignRound(database, due: server.clock.now - 86_400, province: "20", delivered: 180_000, failed: 20_000)
                try await Self.sentCampaignRound(database, due: server.clock.now - 30 * 86_400, province: "20", delivered: 5, failed: 5)
            }
            let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            let ministry = try #require(try await admin.send(.get, "/api/v1/reporting/org-units").json()["items"] as? [[String: Any]]).first?["id"] as? Int
            let national = try await ReportingRoundsAPITests.openRound(admin, at: try #require(ministry))
            let province = try await tree.officer.send(.get, "/api/v1/reporting/rounds/\(national)/reports/\(tree.province)").json()
            let offer = try #require((province["offered"] as? [[String: Any]])?.first { $0["source"] as? String == "campaigns" })
            #expect(offer["values"] as? [String: Int] == ["sms-zalo.quantity": 180_000, "sms-zalo.reached": 180_000, "sms-zalo.target": 200_000], "texts sent, delivered, queued: only this period's round, only Lạng Sơn's texts")
            #expect(province["values"] as? [String: Int] == [:], "an offer is not saved by itself")
            let session = try await WebPagesTests().signIn(client, username: "officer-ls", password: "correct horse battery")
            let page = try await client.get("/reporting/rounds/\(national)/reports/\(tree.province)", headers: [.cookie: "covizone_session=\(session)"])
            #expect(page.text.contains(#"id="sms-zalo.reached" value="180000" aria-label"#) && page.text.contains("id=\"offered-notice\""))
        }
    }

    @Test("with a mapping file the data values leave under the ministry DHIS2's codes, and its codes come back in")
    func codeMapping() async throws {
        let mapping = ReportingCodeMapping(
            dataElements: ["radio.quantity": "DErad000001"], orgUnits: ["36": "OUcity00001"], categoryOptionCombo: "HllvX50cXC0", attributeOptionCombo: "HllvX50cXC0"
        )
        try await TestServer.run(configure: { $0.reportingCodeMapping = mapping }) { server, client in
            let tree = try await ReportingRoundsAPITests.tree(server, client)
            #expect(tree.city == 36, "the first unit made after the ministry and the 34 provinces")
            let round = try await ReportingRoundsAPITests.openRound(tree.officer, at: tree.province)
            let imported = try await client.execute(
                uri: "/api/v1/reporting/rounds/\(round)/data-values?complete=true", method: .post,
                headers: [.authorization: "Bearer \(tree.officer.token)", .contentType: "text/csv"],
                body: ByteBuffer(string: "dataelement,period,orgunit,value\nDErad000001,2027W2,OUcity00001,12\nled.quantity,2027W2,OUcity00001,3\n")
            )
            #expect(imported.status == .ok, "\(imported.text)")
            let csv = try await tree.officer.send(.get, "/api/v1/reporting/rounds/\(round)/data-values?format=csv").text
            #expect(csv.contains("DErad000001,2027W2,OUcity00001,HllvX50cXC0,HllvX50cXC0,12,officer-ls,"))
            #expect(csv.contains("led.quantity,2027W2,OUcity00001,HllvX50cXC0,HllvX50cXC0,3,"), "an unmapped element keeps our id")
        }
    }
}

/// JSON text as the store keeps figures.
enum StoredJSONForTests {
    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}
