@testable import CovizoneServer
import CovizoneStore
import CovizoneTestSupport
import Foundation
import Messaging
import Testing

@Suite("Misinformation desk by SMS: TINGIA tips over a real SMPP bind", .enabled(if: SMSCSimulator.isAvailable, "needs the SMSC simulator (scripts/test installs it)"))
struct MisinformationSMSTests {
    @Test("a texted tip joins its claim and is acknowledged; the verdict follows by text once published; a later tip of it gets the verdict at once", arguments: TestEngine.available)
    func tipsByText(engine: TestEngine) async throws {
        let smsc = try await SMSCSimulator.start()
        defer { smsc.stop() }
        try await TestServer.run(engine: engine) { server, client in
            let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            let web = try await client.postJSON("/api/v1/misinformation/tips", ["text": MisinformationDeskAPITests.saltWater]).json()
            let claimID = try #require(web["claimId"] as? Int)
            try await server.withDispatcher(smsc: smsc) { dispatcher in
                func texts(to phone: String, count: Int) async throws -> [String] {
                    try await waitUntil("\(count) texts sent to \(phone)", seconds: 60) {  // the whole suite on two cores is slow
                        try await dispatcher.dispatchOnce()
                        return try await smsc.texts(to: phone).count == count
                    }
                    return try await smsc.texts(to: phone)
                }
                #expect(try await smsc.sendMO(from: "84912345678", to: "8055", text: "TINGIA uong nuoc muoi am moi sang diet sach virus corona") == 1)
                let acknowledged = try await texts(to: "84912345678", count: 1)
                #expect(acknowledged.first?.hasPrefix("Covizone: da nhan tin bao so ") == true)
                let detail = try await admin.send(.get, "/api/v1/misinformation/claims/\(claimID)").json()
                let sms = (detail["items"] as? [[String: Any]])?.first { $0["channel"] as? String == "sms" }
                #expect(sms?["phone"] as? String == "•••••••••678", "the texted tip joined the web tip's claim")

                let published = try await admin.send(.patch, "/api/v1/misinformation/claims/\(claimID)", json: [
                    "status": "false", "publish": true, "verdict": ["vi": "Nước muối không diệt được virus corona."],
                ])
                #expect(published.status == .ok)
                let verdict = try await texts(to: "84912345678", count: 2).last ?? ""
                #expect(verdict.contains("la SAI SU THAT. Nuoc muoi khong diet duoc virus corona.") && verdict.hasSuffix("/misinformation/verdicts/\(claimID)"))

                #expect(try await smsc.sendMO(from: "84987654321", to: "8055", text: "tingia nuoc muoi diet virus corona moi sang uong am") == 1)
                #expect(try await texts(to: "84987654321", count: 1) == [verdict], "answered at once with the same verdict")
                #expect(try await smsc.sendMO(from: "84987654321", to: "8055", text: "TINGIA") == 1)
                #expect(try await texts(to: "84987654321", count: 2).last == DeskSMSTips.help)
            }
        }
    }
}
