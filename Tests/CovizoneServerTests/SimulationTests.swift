@testable import CovizoneServer
import CovizoneCore
import CovizoneTestSupport
import ExposureSimulation
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Lets the simulation talk to an in-process test server.
struct TestClientTransport: HTTPTransport {
    let client: any TestClientProtocol

    func send(_ method: String, _ path: String, body: Data?, bearer: String?) async throws -> (status: Int, body: Data) {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        let response = try await client.execute(
            uri: path, method: HTTPRequest.Method(method)!, headers: headers, body: body.map { ByteBuffer(bytes: $0) }
        )
        return (response.status.code, Data(buffer: response.body))
    }
}

@Suite("Exposure notification simulation")
struct SimulationTests {
    @Test("a small town: cases publish through the API, phones match the export files, most close contacts are warned")
    func smallTown() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("sim-officer", role: .healthAuthority, province: "79")
            let api = DeviceAPIClient(transport: TestClientTransport(client: client))
            let token = try await api.signIn(username: "sim-officer", password: "correct horse battery")
            let simulation = Simulation(parameters: SimulationParameters(people: 600, days: 7, seed: 7, now: server.clock.now))
            let report = try await simulation.run(
                client: api, officerToken: { _ in token },
                exportNow: {
                    server.clock.advance(by: 3 * 3600)
                    _ = try await server.runExportCycle()
                },
                progress: { _, _ in }
            )
            #expect(report.confirmed > 0 && report.uploaded == report.confirmed)
            #expect(report.publishedKeys == report.uploaded * 7)
            #expect(report.exportFiles == 1)
            #expect(report.exportedKeys >= report.publishedKeys)
            #expect(report.crossCheckedPhones > 0 && report.crossCheckAgreed, "the shared index and the per-phone matcher agree")
            #expect(report.closeContacts > 0)
            #expect(report.recall > 0.7, "\(report.lines)")
            // The standard configuration also warns people 2–6 m away for long, so precision against
            // the strict 2 m / 15 min definition is modest; warning everybody would give about 0.01.
            #expect(report.precision > 0.1, "\(report.lines)")
            #expect(report.notified < 600 / 10, "\(report.lines)")
        }
    }
}
