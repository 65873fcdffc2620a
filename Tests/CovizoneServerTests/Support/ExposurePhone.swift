@testable import CovizoneServer
import CovizoneStore
import ExposureNotification
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// A phone of the exposure notification tests: keys of the last days, and the calls an EN app
/// makes to verify a code, get a certificate and publish.
struct ExposurePhone {
    let client: any TestClientProtocol
    var keys: [TemporaryExposureKey]
    let secret = Data((0..<32).map { _ in UInt8.random(in: 0...255) })

    /// A phone with one key per day for the `days` days up to and including `now`'s day.
    init(client: any TestClientProtocol, days: Int, now: Date) {
        self.client = client
        keys = (0..<days).map { TemporaryExposureKey.generate(for: now - TimeInterval(days - 1 - $0) * 86_400) }
    }

    var hmacEntries: [ExposureKeyHMAC.Entry] { keys.map { ExposureKeyHMAC.Entry(key: $0) } }

    /// `POST /api/v1/exposure/verify`.
    func verify(_ code: String, accept: [String]? = ["confirmed", "likely", "negative"]) async throws -> TestResponse {
        var body: [String: Any] = ["code": code, "padding": "AAAA"]
        if let accept { body["accept"] = accept }
        return try await client.postJSON("/api/v1/exposure/verify", body)
    }

    /// `POST /api/v1/exposure/certificate` with the HMAC of this phone's keys.
    func certificate(token: String) async throws -> TestResponse {
        let hmac = ExposureKeyHMAC.authenticationCode(hmacEntries, secret: secret).base64EncodedString()
        return try await client.postJSON("/api/v1/exposure/certificate", ["token": token, "ekeyhmac": hmac])
    }

    /// Verifies `code` and returns the certificate for this phone's keys.
    func certificate(code: String) async throws -> String {
        let verified = try await verify(code)
        #expect(verified.status == .ok, "\(verified.text)")
        let token = try #require(try verified.json()["token"] as? String)
        let certified = try await certificate(token: token)
        #expect(certified.status == .ok, "\(certified.text)")
        return try #require(try certified.json()["certificate"] as? String)
    }

    /// The publish body of these keys.
    func publishBody(certificate: String, revisionToken: String? = nil, healthAuthorityID: String = "vn.covizone") -> [String: Any] {
        var body: [String: Any] = [
            "temporaryExposureKeys": keys.map {
                ["key": $0.keyData.base64EncodedString(), "rollingStartNumber": $0.rollingStartIntervalNumber.rawValue, "rollingPeriod": $0.rollingPeriod]
            },
            "healthAuthorityID": healthAuthorityID, "verificationPayload": certificate, "hmacKey": secret.base64EncodedString(),
            "padding": Data(repeating: 0, count: 1000).base64EncodedString(),
        ]
        if let revisionToken { body["revisionToken"] = revisionToken }
        return body
    }

    /// `POST /api/v1/exposure/publish`.
    func publish(certificate: String, revisionToken: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.postJSON("/api/v1/exposure/publish", publishBody(certificate: certificate, revisionToken: revisionToken), headers: headers)
    }
}

extension TestServer {
    /// Issues an upload code as health authority `officer` (bearer token) and returns the short and long forms.
    func issueCode(_ client: any TestClientProtocol, officer: String, testType: String = "confirmed", symptomDate: String? = nil)
        async throws -> (short: String, long: String)
    {
        var body: [String: Any] = ["testType": testType]
        if let symptomDate { body["symptomDate"] = symptomDate }
        let response = try await client.postJSON("/api/v1/exposure/codes", body, headers: [.authorization: "Bearer \(officer)"])
        #expect(response.status == .created, "\(response.text)")
        let json = try response.json()
        return (try #require(json["code"] as? String), try #require(json["longCode"] as? String))
    }

    /// Runs `body` with a second connection pool on this server's store (for services and repositories).
    func withDatabase<R>(_ body: (Database) async throws -> R) async throws -> R {
        let database = try await openMigratedDatabase(configuration: configuration, logger: Logger(label: "test"))
        do {
            let result = try await body(database)
            try await database.shutdown()
            return result
        } catch {
            try? await database.shutdown()
            throw error
        }
    }

    /// The retention purge as the server runs it, over `database`.
    func retention(_ database: Database) -> RetentionService {
        RetentionService(database: database, configuration: configuration, clock: clock.wallClock, logger: Logger(label: "test"))
    }

    /// One export cycle, as the export service runs it.
    func runExportCycle() async throws -> ExposureExporter.Report {
        try await withDatabase { database in
            try await ExposureExporter(
                database: database, settings: configuration.exposure, clock: clock.wallClock, logger: Logger(label: "test")
            ).runCycle()
        }
    }
}
