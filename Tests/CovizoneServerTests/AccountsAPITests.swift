import CovizoneCore
@testable import CovizoneServer
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import NIOCore
import HummingbirdTesting
import Testing

@Suite("Accounts that officers create and invite")
struct AccountsAPITests {
    /// A province officer of Hà Nội and a token for it.
    static func officer(_ server: TestServer, _ client: any TestClientProtocol) async throws -> String {
        try await server.addAccount("officer-01", role: .provinceOfficer, province: "01")
        return try await client.token(username: "officer-01", password: "correct horse battery")
    }

    static func create(_ client: any TestClientProtocol, token: String, _ body: [String: Any]) async throws -> TestResponse {
        try await client.postJSON("/api/v1/accounts", body, headers: [.authorization: "Bearer \(token)"])
    }

    /// The token of an invitation link: what follows `#`.
    static func invitationToken(_ url: String) throws -> String {
        try #require(url.split(separator: "#").last.map(String.init))
    }

    @Test("an officer creates a facility manager of its province; its person sets a password from the texted link, once, and signs in; all audited", arguments: TestEngine.available)
    func createInviteAccept(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let officer = try await Self.officer(server, client)
            let created = try await Self.create(client, token: officer, [
                "username": "thcs-ba-dinh", "role": "facility-manager", "provinceCode": "01", "displayName": "  Trường THCS   Ba Đình ",
                "phone": "0912 345 678",
            ])
            #expect(created.status == .created, "\(created.text)")
            let account = try created.decode(AccountsController.Account.self)
            #expect(account.displayName == "Trường THCS Ba Đình" && account.phone == "+84912345678" && !account.hasPassword && account.createdBy == "officer-01")
            let url = try #require(account.invitation?.url)
            #expect(url.hasPrefix("https://\(server.configuration.publicHost)/invitation#"))
            let texted = try await server.withDatabase { try await TextMessageRepository(database: $0).messages(to: "+84912345678", limit: 1) }
            #expect(texted.first?.body.contains(url) == true && texted.first?.purpose == "invitation", "the link is texted to the account's phone")

            let early = try await client.postJSON("/api/v1/auth/token", ["username": "thcs-ba-dinh", "password": "correct horse battery"])
            #expect(early.status == .unauthorized, "no password before the invitation is used")
            let token = try Self.invitationToken(url)
            let short = try await client.postJSON("/api/v1/invitations/accept", ["token": token, "password": "short"])
            #expect(short.status == .unprocessableContent)
            #expect(try short.problem.errors?.map(\.field) == ["password"])
            let accepted = try await client.postJSON("/api/v1/invitations/accept", ["token": token, "password": "a long school password"])
            #expect(accepted.status == .ok)
            #expect(try accepted.json()["username"] as? String == "thcs-ba-dinh")
            let again = try await client.postJSON("/api/v1/invitations/accept", ["token": token, "password": "another long password"])
            #expect(again.status == .gone, "an invitation works once")
            _ = try await client.token(username: "thcs-ba-dinh", password: "a long school password")

            let admin = try await client.token(username: "admin", password: server.adminPassword)
            let audit = try await client.get("/api/v1/audit?limit=50", token: admin).json()["items"] as? [[String: Any]] ?? []
            let actions = Set(audit.compactMap { $0["action"] as? String })
            #expect(actions.isSuperset(of: ["accounts.create", "accounts.invite", "accounts.invitation.accept"]))
        }
    }

    @Test("an officer cannot create accounts outside its province or above its role; bad fields are named", arguments: TestEngine.available)
    func refusals(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let officer = try await Self.officer(server, client)
            for (role, province) in [("province-officer", "01"), ("ministry-admin", ""), ("health-authority", "01"), ("facility-manager", "79")] {
                var body: [String: Any] = ["username": "someone-\(role)", "role": role]
                if !province.isEmpty { body["provinceCode"] = province }
                let answer = try await Self.create(client, token: officer, body)
                #expect(answer.status == .forbidden, "\(role) in \(province): \(answer.text)")
            }
            try await server.addAccount("health-01", role: .healthAuthority, province: "01")
            let health = try await client.token(username: "health-01", password: "correct horse battery")
            #expect(try await Self.create(client, token: health, ["username": "x-1", "role": "venue-owner", "provinceCode": "01"]).status == .forbidden)

            let invalid = try await Self.create(client, token: officer, ["username": "A", "role": "chief", "phone": "12", "orgUnitId": "a b"])
            #expect(invalid.status == .unprocessableContent)
            #expect(Set(try invalid.problem.errors?.map(\.field) ?? []) == ["username", "role", "phone", "orgUnitId"])
            #expect(try await Self.create(client, token: officer, ["username": "cho-1", "role": "venue-owner", "provinceCode": "01"]).status == .created)
            #expect(try await Self.create(client, token: officer, ["username": "cho-1", "role": "venue-owner", "provinceCode": "01"]).status == .conflict)
            let elsewhere = try await client.get("/api/v1/accounts?province=79", token: officer)
            #expect(elsewhere.status == .forbidden)
        }
    }

    @Test("disabling ends the account's tokens at once; a new invitation replaces the old link; lists filter by role and text", arguments: TestEngine.available)
    func disableReinviteList(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let officer = try await Self.officer(server, client)
            let account = try await Self.create(client, token: officer, ["username": "bv-thanh-nhan", "role": "health-facility", "provinceCode": "01"])
                .decode(AccountsController.Account.self)
            let first = try Self.invitationToken(try #require(account.invitation?.url))
            let renewed = try await client.postJSON("/api/v1/accounts/\(account.id)/invitation", [:], headers: [.authorization: "Bearer \(officer)"])
            #expect(renewed.status == .created)
            #expect(try await client.postJSON("/api/v1/invitations/accept", ["token": first, "password": "a long hospital password"]).status == .gone)
            let second = try Self.invitationToken(try #require(try renewed.json()["url"] as? String))
            #expect(try await client.postJSON("/api/v1/invitations/accept", ["token": second, "password": "a long hospital password"]).status == .ok)
            let token = try await client.token(username: "bv-thanh-nhan", password: "a long hospital password")
            #expect(try await client.get("/api/v1/auth/me", token: token).status == .ok)

            let patch = { (body: [String: Any]) in
                try await client.execute(
                    uri: "/api/v1/accounts/\(account.id)", method: .patch, headers: [.authorization: "Bearer \(officer)", .contentType: "application/json"],
                    body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
                )
            }
            let disabled = try await patch(["disabled": true, "displayName": "Bệnh viện Thanh Nhàn"])
            #expect(disabled.status == .ok)
            #expect(try disabled.decode(AccountsController.Account.self).disabled)
            #expect(try await client.get("/api/v1/auth/me", token: token).status == .unauthorized, "its token ends at once")
            let admin = try await client.token(username: "admin", password: server.adminPassword)
            let audit = try await client.get("/api/v1/audit?limit=100", token: admin).json()["items"] as? [[String: Any]] ?? []
            let about = audit.filter { $0["subject"] as? String == "users/\(account.id)" }.compactMap { $0["action"] as? String }
            #expect(about.filter { $0 == "accounts.read" }.count == 2 && about.contains("accounts.update") && about.contains("accounts.disable"), "the new invitation and the change read the account once each: \(about)")
            let refused = try await client.postJSON("/api/v1/auth/token", ["username": "bv-thanh-nhan", "password": "a long hospital password"])
            #expect(refused.status == .unauthorized)
            #expect(try await patch(["disabled": false]).status == .ok)
            _ = try await client.token(username: "bv-thanh-nhan", password: "a long hospital password")

            _ = try await Self.create(client, token: officer, ["username": "cho-hom", "role": "venue-owner", "provinceCode": "01"])
            let facilities = try await client.get("/api/v1/accounts?role=health-facility", token: officer).json()["items"] as? [[String: Any]] ?? []
            #expect(facilities.compactMap { $0["username"] as? String } == ["bv-thanh-nhan"])
            let named = try await client.get("/api/v1/accounts?q=THANH%20NH", token: officer).json()["items"] as? [[String: Any]] ?? []
            #expect(named.compactMap { $0["username"] as? String } == ["bv-thanh-nhan"], "found by its display name")
            #expect(try await client.get("/api/v1/accounts?role=chief", token: officer).status == .unprocessableContent)
        }
    }

    @Test("setting passwords with invitations has a per-address budget, whatever the tokens")
    func invitationBudget() async throws {
        try await TestServer.run(configure: { $0.addressLimits.invitations = 2 }) { _, client in
            for _ in 0..<2 {
                #expect(try await client.postJSON("/api/v1/invitations/accept", ["token": "guess", "password": "a long guessed password"]).status == .gone)
            }
            let third = try await client.postJSON("/api/v1/invitations/accept", ["token": "guess", "password": "a long guessed password"])
            #expect(third.status == .tooManyRequests && third.headers[.retryAfter] == "60")
        }
    }

    static func importCSV(_ client: any TestClientProtocol, token: String, _ csv: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/accounts/import", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: ByteBuffer(string: csv)
        )
    }

    @Test("an officer imports a hundred accounts of its province from a CSV; each person sets a password from the texted link and signs in", arguments: TestEngine.available)
    func importHundred(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let officer = try await Self.officer(server, client)
            let roles = ["facility-manager", "reporting-unit", "health-facility", "venue-owner", "border-officer"]
            let units = CampaignClient(client: client, token: officer)
            let hanoi = try #require(try await units.send(.get, "/api/v1/reporting/org-units").json()["items"] as? [[String: Any]]).first?["id"] as? Int
            let press = try await units.send(.post, "/api/v1/reporting/org-units", json: ["name": "Báo Hà Nội Mới", "kind": "press", "parentId": try #require(hanoi)])
            let pressID = try #require(try press.json()["id"] as? Int)
            let rows = (1...100).map { index in
                "truong-\(index),\(roles[index % roles.count]),01,Đơn vị \(index),0912 000 \(String(format: "%03d", index)),\(index % 5 == 1 ? String(pressID) : "")"
            }
            let answer = try await Self.importCSV(client, token: officer, "username,role,province,displayName,phone,orgUnit\n" + rows.joined(separator: "\n") + "\n")
            #expect(answer.status == .created, "\(answer.text)")
            let report = try answer.json()
            #expect(report["created"] as? Int == 100)
            try await server.withDatabase { database in
                let texts = TextMessageRepository(database: database)
                for index in 1...100 {
                    let phone = "+84912000" + String(format: "%03d", index)
                    let body = try #require(try await texts.messages(to: phone, limit: 1).first?.body)
                    let token = try #require(body.split(separator: "#").last?.split(separator: " ").first.map(String.init))
                    let accepted = try await client.postJSON("/api/v1/invitations/accept", ["token": token, "password": "password of unit \(index)"])
                    #expect(accepted.status == .ok, "row \(index): \(accepted.text)")
                    _ = try await client.token(username: "truong-\(index)", password: "password of unit \(index)")
                }
            }
            let listed = try await client.get("/api/v1/accounts?role=health-facility&limit=200", token: officer).json()["items"] as? [[String: Any]] ?? []
            #expect(listed.count == 20 && listed.allSatisfy { $0["hasPassword"] as? Bool == true })
        }
    }

    @Test("an import with any bad row creates nothing and names every problem by line", arguments: TestEngine.available)
    func importRejected(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let officer = try await Self.officer(server, client)
            let csv = """
                role,username,phone
                venue-owner,cho-1,0912345678
                province-officer,officer-2,
                venue-owner,cho-1,
                venue-owner,cho-5,12
                venue-owner,officer-01,

                """
            let answer = try await Self.importCSV(client, token: officer, csv)
            #expect(answer.status == .unprocessableContent)
            let fields = try answer.problem.errors?.map(\.field) ?? []
            #expect(fields == ["line 3: role", "line 4: username", "line 5: phone", "line 6: username"], "a province officer, a repeated name, a bad phone, a taken name")
            #expect(try answer.problem.code == "rows_rejected")
            let accounts = try await client.get("/api/v1/accounts", token: officer).json()["items"] as? [[String: Any]] ?? []
            #expect(accounts.compactMap { $0["username"] as? String } == ["officer-01"], "no row was created, not even the good one")

            #expect(try await Self.importCSV(client, token: officer, "name,phone\ncho,0912345678\n").problem.code == "not_csv")
            let json = try await client.postJSON("/api/v1/accounts/import", ["username": "x"], headers: [.authorization: "Bearer \(officer)"])
            #expect(json.status == .unsupportedMediaType)
        }
    }
}

