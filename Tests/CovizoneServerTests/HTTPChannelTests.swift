@testable import CovizoneServer
import CampaignDispatch
import CovizoneCore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
import NIOCore
import Testing

/// An HTTP campaign through a Zalo-style notification service: a local receiver that fails the
/// first tries, records what it gets, and the delivery callbacks.
@Suite("HTTP channel")
struct HTTPChannelTests {
    /// What the receiver got.
    struct Received: Sendable {
        var key: String
        var authorization: String
        var body: [String: String]
        var province: String
    }

    static let csv = "msisdn,province\n0912345678,01\n0987654321,01\n0901234567,01\n"

    @Test("messages go out with their template, parameters and idempotency key, retried after failures; callbacks settle them", arguments: TestEngine.available)
    func httpRound(engine: TestEngine) async throws {
        let log = NIOLockedValueBox<(failuresLeft: Int, requests: [Received])>((2, []))
        let router = Router()
        router.post("send") { request, context -> Response in
            let json = try JSONSerialization.jsonObject(with: Data(buffer: try await request.body.collect(upTo: 65_536))) as? [String: Any] ?? [:]
            let failing = log.withLockedValue { state -> Bool in
                guard state.failuresLeft == 0 else {
                    state.failuresLeft -= 1
                    return true
                }
                state.requests.append(
                    Received(
                        key: request.headers[HTTPField.Name("Idempotency-Key")!] ?? "", authorization: request.headers[.authorization] ?? "",
                        body: json.compactMapValues { $0 as? String }, province: (json["params"] as? [String: String])?["province"] ?? ""
                    )
                )
                return false
            }
            return Response(status: failing ? .serviceUnavailable : .accepted)
        }
        let receiver = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await receiver.test(.live) { receiverClient in
            let port = try #require(receiverClient.port)
            try await TestServer.run(engine: engine, configure: { configuration in
                configuration.messaging.httpProviders = [
                    HTTPProvider(name: "zalo", url: "http://127.0.0.1:\(port)/send", token: "provider-token", callbackToken: "callback-secret", retryDelaySeconds: 0.05)
                ]
            }) { server, client in
                let (author, approver) = try await CampaignClient.officers(of: server, client)
                let (audienceID, _) = try await author.audience("Hà Nội", csv: Self.csv)
                let start = VietnamLocalTime.string(of: server.clock.wallClock.now + 60)
                let body = campaignBody(audienceID: audienceID, start: start, template: "Cài Bluezone tại {province}", extra: ["channel": "http", "httpTemplate": "bluezone-v1"])
                let created = try await author.send(.post, "/api/v1/campaigns", json: body)
                #expect(created.status == .created, "\(created.text)")
                let id = try #require(try created.json()["id"] as? Int)
                _ = try await approver.send(.post, "/api/v1/campaigns/\(id)/approve")
                _ = try await approver.send(.post, "/api/v1/campaigns/\(id)/schedule")

                try await server.withDispatcher(smsc: nil) { dispatcher in
                    server.clock.advance(by: 120)
                    try await waitUntil("three messages taken", seconds: 30) {
                        try await dispatcher.dispatchOnce()
                        try await dispatcher.flush()
                        let total = try await author.send(.get, "/api/v1/campaigns/\(id)/rounds/1/statistics").json()["statistics"].flatMap { $0 as? [String: Any] }?["total"] as? [String: Any]
                        return total?["submitted"] as? Int == 3
                    }
                }
                let requests = log.withLockedValue { $0.requests }
                #expect(requests.count == 3, "the two failed tries were made again")
                #expect(Set(requests.map(\.key)).count == 3 && requests.allSatisfy { $0.key == $0.body["idempotencyKey"] })
                #expect(requests.allSatisfy { $0.body["templateId"] == "bluezone-v1" && $0.authorization == "Bearer provider-token" })
                #expect(requests.allSatisfy { $0.province == "Thành phố Hà Nội" })
                #expect(Set(requests.compactMap { $0.body["phone"] }) == ["84912345678", "84987654321", "84901234567"])

                func callback(_ key: String, _ status: String, token: String = "callback-secret") async throws -> TestResponse {
                    try await client.execute(
                        uri: "/api/v1/messaging/http-receipts/zalo", method: .post,
                        headers: [.contentType: "application/json", HTTPField.Name("X-Covizone-Callback-Token")!: token],
                        body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["idempotencyKey": key, "status": status, "error": "blocked"]))
                    )
                }
                #expect(try await callback(requests[0].key, "delivered", token: "wrong").status == .unauthorized)
                #expect(try await callback("covizone-999999", "delivered").status == .notFound)
                #expect(try await callback(requests[0].key, "read").status == .unprocessableContent)
                #expect(try await callback(requests[0].key, "delivered").status == .noContent)
                #expect(try await callback(requests[1].key, "delivered").status == .noContent)
                #expect(try await callback(requests[2].key, "failed").status == .noContent)
                let figures = try #require(try await author.send(.get, "/api/v1/campaigns/\(id)/rounds/1/statistics").json()["statistics"] as? [String: Any])
                let total = try #require(figures["total"] as? [String: Any])
                #expect(total["delivered"] as? Int == 2 && total["failed"] as? Int == 1 && total["reachPercent"] as? Double == 66.7)
            }
        }
    }

    @Test("an HTTP campaign needs a provider on the server")
    func providerRequired() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("author", role: .provinceOfficer, province: "01")
            let author = CampaignClient(client: client, token: try await client.token(username: "author", password: "correct horse battery"))
            let (audienceID, _) = try await author.audience("Hà Nội", csv: Self.csv)
            let body = campaignBody(audienceID: audienceID, start: "2027-02-01T08:00", template: "x", extra: ["channel": "http", "httpTemplate": "t"])
            let refused = try await author.send(.post, "/api/v1/campaigns", json: body)
            #expect(refused.status == .unprocessableContent && refused.text.contains("no HTTP provider"))
        }
    }
}
