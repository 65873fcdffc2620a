import CovizoneCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Calls of the campaign API for tests, with an officer's token.
struct CampaignClient: Sendable {
    let client: any TestClientProtocol
    let token: String

    func send(_ method: HTTPRequest.Method, _ uri: String, json object: [String: Any]? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        var body: ByteBuffer?
        if let object {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body)
    }

    /// Creates a list and imports `csv` into it; returns its id and the import report.
    func audience(_ name: String, csv: String) async throws -> (id: Int, report: [String: Any]) {
        let created = try await send(.post, "/api/v1/audiences", json: ["name": name])
        #expect(created.status == .created, "\(created.text)")
        let id = try #require(try created.json()["id"] as? Int)
        let imported = try await client.execute(
            uri: "/api/v1/audiences/\(id)/members", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"],
            body: ByteBuffer(string: csv)
        )
        #expect(imported.status == .ok, "\(imported.text)")
        return (id, try imported.json())
    }
}

extension CampaignClient {
    /// Two officers of Hà Nội (`author` and `approver`), signed in.
    static func officers(of server: TestServer, _ client: any TestClientProtocol) async throws -> (author: CampaignClient, approver: CampaignClient) {
        try await server.addAccount("author", role: .provinceOfficer, province: "01")
        try await server.addAccount("approver", role: .provinceOfficer, province: "01")
        return (
            CampaignClient(client: client, token: try await client.token(username: "author", password: "correct horse battery")),
            CampaignClient(client: client, token: try await client.token(username: "approver", password: "correct horse battery"))
        )
    }
}

/// A campaign body starting at `start` (Vietnam time `YYYY-MM-DDTHH:MM`).
func campaignBody(audienceID: Int, start: String, template: String, maximumParts: Int = 3, extra: [String: Any] = [:]) -> [String: Any] {
    var body: [String: Any] = [
        "name": "Cài đặt Bluezone", "template": template, "audienceId": audienceID, "maximumParts": maximumParts, "sender": "BoYTe",
        "schedule": ["start": start],
    ]
    body.merge(extra) { $1 }
    return body
}
