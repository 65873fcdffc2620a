import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Operations endpoints")
struct OperationsTests {
    @Test("health, readiness, metrics and the OpenAPI document answer", arguments: TestEngine.available)
    func operations(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { _, client in
            let health = try await client.get("/healthz")
            #expect(health.status == .ok)
            #expect(try health.json()["status"] as? String == "ok")
            let ready = try await client.get("/readyz")
            #expect(ready.status == .ok)
            #expect(try ready.json()["database"] as? String == engine.rawValue)
            let openAPI = try await client.get("/api/openapi.yaml")
            #expect(openAPI.status == .ok)
            #expect(openAPI.text.hasPrefix("openapi: 3.1"))
            let metrics = try await client.get("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(metrics.text.contains("hb_requests"), "request counts per route")
            #expect(metrics.text.contains("http_server_request_duration"), "request latencies per route")
            #expect(metrics.text.contains("covizone_db_connection_wait"), "database pool metrics")
        }
    }

    @Test("every response carries a request id, the caller's when it is sane")
    func requestIDs() async throws {
        try await TestServer.run { _, client in
            let generated = try await client.get("/healthz")
            #expect(generated.headers[.xRequestID]?.isEmpty == false)
            let echoed = try await client.get("/healthz", headers: [.xRequestID: "trace-123"])
            #expect(echoed.headers[.xRequestID] == "trace-123")
            let hostile = try await client.get("/healthz", headers: [.xRequestID: "<script>"])
            let replaced = try #require(hostile.headers[.xRequestID])
            #expect(replaced != "<script>" && !replaced.isEmpty)
            let problem = try await client.get("/api/v1/divisions/provinces/99/wards", headers: [.xRequestID: "abc"])
            #expect(try problem.json()["requestId"] as? String == "abc")
        }
    }
}

extension HTTPField.Name {
    static let xRequestID = HTTPField.Name("X-Request-ID")!
}
