@testable import CovizoneServer
import CovizoneStore
import CovizoneTestSupport
import Foundation
import Messaging
import Testing

@Suite("Official information by SMS: HOI questions over a real SMPP bind", .enabled(if: SMSCSimulator.isAvailable, "needs the SMSC simulator (scripts/test installs it)"))
struct InformationSMSTests {
    @Test("HOI with a question is answered with the best entry's short answer; one nobody answered gets the hotline and waits for officers", arguments: TestEngine.available)
    func questionsByText(engine: TestEngine) async throws {
        let smsc = try await SMSCSimulator.start()
        defer { smsc.stop() }
        try await TestServer.run(engine: engine) { server, client in
            let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            let created = try await admin.send(.post, "/api/v1/info/entries", json: InformationAPITests.isolation)
            #expect(created.status == .created)
            try await server.withDispatcher(smsc: smsc) { dispatcher in
                func reply(to text: String, from phone: String, count: Int) async throws -> String {
                    #expect(try await smsc.sendMO(from: phone, to: "8055", text: text) == 1)
                    try await waitUntil("answer sent") {
                        try await dispatcher.dispatchOnce()
                        return try await smsc.received().count == count
                    }
                    let answer = try #require(try await smsc.received().last)
                    #expect(answer.destination == phone && answer.source == "Covizone" && answer.dataCoding == 0, "GSM-7, from the sender of single texts")
                    return try #require(GSM7Alphabet.decode(answer.shortMessageBytes))
                }
                let answered = try await reply(to: "Hỏi: cách ly tại nhà mấy ngày?", from: "84912345678", count: 1)
                #expect(answered == "Covizone: F0 cach ly tai nha 7 ngay.")
                let unknown = try await reply(to: "HOI nuoi meo co bi phat khong", from: "84987654321", count: 2)
                #expect(unknown == InfoSMSAnswers.fallback)
                let help = try await reply(to: "hoi", from: "84987654321", count: 3)
                #expect(help == InfoSMSAnswers.help)
            }
            let groups = try #require(try await admin.send(.get, "/api/v1/info/questions/groups").json()["items"] as? [[String: Any]])
            let asked = groups.flatMap { $0["questions"] as? [[String: Any]] ?? [] }
            #expect(asked.map { $0["text"] as? String } == ["nuoi meo co bi phat khong"] && asked.first?["channel"] as? String == "sms")
            #expect(asked.first?.keys.contains("phone") == false, "the phone number is not kept")
        }
    }
}

@Suite("Official information by SMS: answers fit the GSM alphabet")
struct InformationSMSTextTests {
    @Test("a long answer is cut at a word to two GSM-7 parts; characters outside the alphabet become their plain forms")
    func fitted() {
        let long = "Covizone: " + String(repeating: "tiem mui nhac lai – sau 3 thang ", count: 20)
        let fitted = PlainSMSText.fitted(long)
        #expect(fitted.count <= PlainSMSText.maximumLength && fitted.hasSuffix("...") && !fitted.contains("–"))
        #expect(SMSMessage(fitted).encoding == .gsm7 && SMSMessage(fitted).partCount == 2)
        #expect(PlainSMSText.fitted("Covizone: “5K” – ok…") == "Covizone: \"5K\" - ok...")
    }
}
