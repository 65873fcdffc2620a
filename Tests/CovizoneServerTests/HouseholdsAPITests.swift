@testable import CovizoneServer
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import NIOFoundationCompat
import Testing

@Suite("Household declarations")
struct HouseholdsAPITests {
    /// A healthy member's daily update.
    static var healthy: [String: Any] {
        ["travelled": false, "symptoms": [String](), "contact_case": false, "contact_symptomatic": false, "contact_affected_area": false]
    }

    /// The newest one-time code texted to `phone`, read from the outbox the messaging layer sends.
    func code(sentTo phone: String, _ server: TestServer) async throws -> String {
        let messages = try await server.withDatabase { try await TextMessageRepository(database: $0).messages(to: phone, limit: 1) }
        let body = try #require(messages.first?.body)
        return String(try #require(body.firstMatch(of: /(\d{6})/)?.1))
    }

    /// Signs a household in with a texted code; returns its bearer headers.
    func signIn(_ client: some TestClientProtocol, _ server: TestServer, phone: String = "0912 345 678") async throws -> HTTPFields {
        #expect(try await client.postJSON("/api/v1/households/verification", ["phone": phone]).status == .accepted)
        let code = try await code(sentTo: PhoneNumber(phone)!.e164, server)
        let signedIn = try await client.postJSON("/api/v1/households/token", ["phone": phone, "code": code])
        #expect(signedIn.status == .created)
        return [.authorization: "Bearer \(try #require(try signedIn.json()["token"] as? String))"]
    }

    @Test("a phone is proven by a texted code: wrong codes, too many tries and too many codes are refused", arguments: TestEngine.available)
    func verification(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let started = try await client.postJSON("/api/v1/households/verification", ["phone": "0912 345 678"])
            #expect(started.status == .accepted)
            #expect(try started.json()["phone"] as? String == "+84912345678")
            let code = try await code(sentTo: "+84912345678", server)
            let wrong = code == "000000" ? "000001" : "000000"
            let refused = try await client.postJSON("/api/v1/households/token", ["phone": "0912345678", "code": wrong])
            #expect(refused.status == .unauthorized)
            #expect(try refused.json()["code"] as? String == "invalid_code")
            let token = try await client.postJSON("/api/v1/households/token", ["phone": "+84 912 345 678", "code": code])
            #expect(token.status == .created)
            #expect(try await client.postJSON("/api/v1/households/token", ["phone": "0912345678", "code": code]).status == .unauthorized, "used up")

            #expect(try await client.postJSON("/api/v1/households/verification", ["phone": "12345"]).status == .unprocessableContent)
            for _ in 0..<4 { _ = try await client.postJSON("/api/v1/households/verification", ["phone": "0912345678"]) }
            let flooded = try await client.postJSON("/api/v1/households/verification", ["phone": "0912345678"])
            #expect(flooded.status == .tooManyRequests)
            #expect(try flooded.json()["code"] as? String == "rate_limited")
            #expect(try await client.get("/api/v1/households/me").status == .unauthorized)
            #expect(try await client.get("/api/v1/households/me", headers: [.authorization: "Bearer nope"]).status == .unauthorized)
        }
    }

    @Test(
        "codes are counted before they are texted: a parallel burst to one phone, many phones from one address, and all phones together stop at their limits",
        arguments: TestEngine.available
    )
    func textBudget(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine, configure: { $0.maximumOneTimeCodesPerAddress = 12; $0.maximumOneTimeCodesPerHour = 1_000 }) { server, client in
            func burst(_ phones: [String]) async throws -> [HTTPResponse.Status] {
                // Asked for all at once: more may be refused than the limit (each counts the
                // attempts begun with it), never fewer.
                try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for phone in phones { group.addTask { try await client.postJSON("/api/v1/households/verification", ["phone": phone]).status } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            func texted() async throws -> Int {
                try await server.withDatabase { database in
                    var count = 0
                    for index in 0..<40 { count += try await TextMessageRepository(database: database).messages(to: String(format: "+849120000%02d", index), limit: 100).count }
                    return count
                }
            }
            let onePhone = try await burst(Array(repeating: "0912000000", count: 20))
            let sent = onePhone.count(where: { $0 == .accepted })
            #expect(sent <= HouseholdService.codesPerHour, "one phone: \(HouseholdService.codesPerHour) codes an hour, however fast they are asked for")
            // On a loaded machine some wait too long for a connection: 503, try again (never a 500).
            #expect(onePhone.count(where: { [.tooManyRequests, .serviceUnavailable].contains($0) }) == 20 - sent, "\(Dictionary(grouping: onePhone, by: \.code).mapValues(\.count))")
            #expect(try await texted() == sent)
            var accepted = 0
            for index in 1..<40 {
                let status = try await client.postJSON("/api/v1/households/verification", ["phone": String(format: "09120000%02d", index)]).status
                if status == .accepted { accepted += 1 } else { #expect(status == .tooManyRequests) }
            }
            #expect(accepted == 12 - sent, "one address: 12 codes an hour to any numbers")
            #expect(try await texted() == 12)
        }
        try await TestServer.run(engine: engine, configure: { $0.maximumOneTimeCodesPerAddress = 1_000; $0.maximumOneTimeCodesPerHour = 8 }) { server, client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<30 { group.addTask { try await client.postJSON("/api/v1/households/verification", ["phone": String(format: "09130000%02d", index)]).status } }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            let sent = statuses.count(where: { $0 == .accepted })
            #expect(sent <= 8, "all phones together: the hour's budget")
            #expect(statuses.count(where: { [.tooManyRequests, .serviceUnavailable].contains($0) }) == 30 - sent, "\(Dictionary(grouping: statuses, by: \.code).mapValues(\.count))")
        }
    }

    @Test("a household declares for three members daily; a high-risk member lands on the province's worklist", arguments: TestEngine.available)
    func threeMembers(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let household = try await signIn(client, server)
            let members = [("Nguyễn Văn An", 1980, "male", "self"), ("Lê Thị Hoa", 1950, "female", "parent"), ("Nguyễn Minh", 2015, "male", "child")]
            var ids: [Int] = []
            for (name, year, sex, relation) in members {
                let added = try await client.postJSON(
                    "/api/v1/households/me/members", ["fullName": name, "birthYear": year, "sex": sex, "relation": relation], headers: household
                )
                #expect(added.status == .created)
                ids.append(try #require(try added.json()["id"] as? Int))
            }
            let early = try await client.postJSON("/api/v1/households/me/members/\(ids[0])/declarations", ["answers": Self.healthy], headers: household)
            #expect(early.status == .conflict)
            #expect(try early.json()["code"] as? String == "address_required")
            let put = try await client.execute(
                uri: "/api/v1/households/me", method: .put, headers: household.merging([.contentType: "application/json"]),
                body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["provinceCode": "01", "wardCode": "00070", "street": "12 Hàng Bạc", "reminderHour": 20]))
            )
            #expect(put.status == .ok)

            for day in 0..<2 {
                for (index, id) in ids.enumerated() {
                    var answers = Self.healthy
                    if index == 1 && day == 1 {
                        answers["symptoms"] = ["fever", "cough"]
                        answers["symptom_onset"] = VietnamDay.string(of: server.clock.now)
                        answers["contact_symptomatic"] = true
                    }
                    let sent = try await client.postJSON("/api/v1/households/me/members/\(id)/declarations", ["answers": answers], headers: household)
                    #expect(sent.status == .created)
                }
                server.clock.advance(by: 86_400)
            }
            let history = try #require(try await client.get("/api/v1/households/me/members/\(ids[1])/declarations", headers: household).json()["items"] as? [[String: Any]])
            #expect(history.compactMap { ($0["risk"] as? [String: Any])?["level"] as? String } == ["high", "low"])

            try await server.addAccount("doh-hn", role: .healthAuthority, province: "01")
            let officer = try await client.token(username: "doh-hn", password: "correct horse battery")
            let worklist = try #require(try await client.get("/api/v1/declarations/worklist?kind=voluntary&risk=high", token: officer).json()["items"] as? [[String: Any]])
            #expect(worklist.count == 1)
            #expect(worklist.first?["name"] as? String == "Lê Thị Hoa" && worklist.first?["phone"] as? String == "+84912345678")
            let code = try #require(worklist.first?["code"] as? String)
            #expect(try await client.get("/api/v1/declarations/voluntary/\(code)", token: officer).status == .ok)
            let followUp = try await client.postJSON(
                "/api/v1/declarations/voluntary/\(code)/followups", ["status": "seen-unwell"], headers: [.authorization: "Bearer \(officer)"]
            )
            #expect(followUp.status == .created)
            try await server.addAccount("border", role: .borderOfficer, province: nil)
            let border = try await client.token(username: "border", password: "correct horse battery")
            #expect(try await client.get("/api/v1/declarations/voluntary/\(code)", token: border).status == .forbidden, "voluntary declarations are not the border's")

            let me = try await client.get("/api/v1/households/me", headers: household).json()
            #expect((me["members"] as? [[String: Any]])?.count == 3 && me["reminderHour"] as? Int == 20)
        }
    }

    @Test("members and addresses are checked; a household sees and removes only its own members")
    func members() async throws {
        try await TestServer.run { server, client in
            let mine = try await signIn(client, server)
            let theirs = try await signIn(client, server, phone: "0987 654 321")
            let bad = try await client.postJSON(
                "/api/v1/households/me/members", ["fullName": "X", "birthYear": 1800, "sex": "?", "relation": "boss", "idNumber": "12"], headers: mine
            )
            #expect(bad.status == .unprocessableContent)
            #expect(Set((try bad.json()["errors"] as? [[String: String]] ?? []).compactMap { $0["field"] }) == ["fullName", "birthYear", "sex", "relation", "idNumber"])
            let added = try await client.postJSON(
                "/api/v1/households/me/members", ["fullName": "Trần Thị Bình", "birthYear": 1990, "sex": "female", "relation": "self"], headers: mine
            )
            let id = try #require(try added.json()["id"] as? Int)
            #expect(try await client.execute(uri: "/api/v1/households/me/members/\(id)", method: .delete, headers: theirs).status == .notFound)
            #expect(try await client.get("/api/v1/households/me/members/\(id)/declarations", headers: theirs).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/households/me/members/\(id)", method: .delete, headers: mine).status == .noContent)
            #expect((try await client.get("/api/v1/households/me", headers: mine).json()["members"] as? [[String: Any]])?.isEmpty == true)
            let address = try await client.execute(
                uri: "/api/v1/households/me", method: .put, headers: mine.merging([.contentType: "application/json"]),
                body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["provinceCode": "79", "wardCode": "00070", "street": "x", "reminderHour": 24]))
            )
            #expect(Set((try address.json()["errors"] as? [[String: String]] ?? []).compactMap { $0["field"] }) == ["wardCode", "street", "reminderHour"])
        }
    }

    @Test("a daily reminder is texted at the household's hour, once a day, only while a member has no update that day", arguments: TestEngine.available)
    func reminders(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            // The test clock starts at 15:00 in Vietnam.
            func setUp(_ phone: String, hour: Int) async throws -> (HTTPFields, [Int]) {
                let household = try await signIn(client, server, phone: phone)
                let body = try JSONSerialization.data(withJSONObject: ["provinceCode": "01", "wardCode": "00070", "street": "1 Tràng Tiền", "reminderHour": hour])
                _ = try await client.execute(uri: "/api/v1/households/me", method: .put, headers: household.merging([.contentType: "application/json"]), body: ByteBuffer(data: body))
                var ids: [Int] = []
                for name in ["Phạm Văn Tâm", "Phạm Thị Lan"] {
                    let added = try await client.postJSON("/api/v1/households/me/members", ["fullName": name, "birthYear": 1970, "sex": "other", "relation": "other"], headers: household)
                    ids.append(try #require(try added.json()["id"] as? Int))
                }
                return (household, ids)
            }
            let (household, ids) = try await setUp("0912 345 678", hour: 15)
            _ = try await setUp("0987 654 321", hour: 9)
            func remind() async throws -> Int {
                try await server.withDatabase { database in
                    try await DeclarationReminderService(
                        households: HouseholdRepository(database: database),
                        textMessages: TextMessageOutbox(messages: TextMessageRepository(database: database), logger: Logger(label: "test"), writesToLog: false),
                        clock: server.clock.wallClock, publicHost: server.configuration.publicHost, logger: Logger(label: "test")
                    ).remindOnce()
                }
            }
            func reminders(to phone: String) async throws -> Int {
                try await server.withDatabase { try await TextMessageRepository(database: $0).messages(to: phone, limit: 50) }.filter { $0.purpose == "reminder" }.count
            }
            #expect(try await remind() == 1, "only the household whose hour it is")
            #expect(try await remind() == 0, "once a day")
            #expect(try await reminders(to: "+84912345678") == 1)
            #expect(try await reminders(to: "+84987654321") == 0)

            server.clock.advance(by: 86_400 - 3600)  // 14:00 the next day: both members update
            for id in ids {
                #expect(try await client.postJSON("/api/v1/households/me/members/\(id)/declarations", ["answers": Self.healthy], headers: household).status == .created)
            }
            server.clock.advance(by: 3600)
            #expect(try await remind() == 0, "everyone has updated today")
            server.clock.advance(by: 86_400)
            #expect(try await remind() == 1)
            #expect(try await reminders(to: "+84912345678") == 2)
        }
    }
}


extension HTTPFields {
    /// These fields with `other`'s added.
    fileprivate func merging(_ other: HTTPFields) -> HTTPFields {
        var merged = self
        merged.append(contentsOf: other)
        return merged
    }
}
