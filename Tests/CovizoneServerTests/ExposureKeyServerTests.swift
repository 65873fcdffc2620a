import CovizoneCore
@testable import CovizoneServer
import CovizoneStore
import CovizoneTestSupport
import ExposureNotification
import ExposureNotificationExport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@Suite("Exposure key server: verify, certificate, publish, export")
struct ExposureKeyServerTests {
    /// The claims of a certificate, read without checking the signature.
    static func claims(of certificate: String) throws -> [String: Any] {
        let payload = try #require(Data(base64URLEncoded: String(certificate.split(separator: ".")[1])))
        return try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
    }

    /// The public export keys the server lists.
    static func verificationKeys(_ client: any TestClientProtocol) async throws -> [ExportVerificationKey] {
        let listed = try await client.get("/api/v1/exposure/signing-keys").json()
        return try #require(listed["keys"] as? [[String: Any]]).map {
            try ExportVerificationKey(
                keyID: try #require($0["keyID"] as? String), keyVersion: try #require($0["keyVersion"] as? String),
                encoded: try #require($0["publicKey"] as? String)
            )
        }
    }

    /// Every export file listed in the index, verified with the listed keys.
    static func downloadExports(_ client: any TestClientProtocol) async throws -> [ExposureKeyExport] {
        let index = try await client.get("/exposure/v1/VN/index.txt")
        #expect(index.status == .ok)
        #expect(index.headers[.cacheControl]?.contains("max-age") == true)
        let keys = try await verificationKeys(client)
        var exports: [ExposureKeyExport] = []
        for line in index.text.split(separator: "\n") {
            #expect(line.hasPrefix("VN/"))
            let file = try await client.get("/exposure/v1/\(line)")
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "application/zip")
            exports.append(try ExportArchive(zip: Data(buffer: file.body)).verifiedExport(with: keys))
        }
        return exports
    }

    @Test("a confirmed case's keys go from code to certificate to publish to a signed export file", arguments: TestEngine.available)
    func endToEnd(engine: TestEngine) async throws {
        let mirror = FileManager.default.temporaryDirectory.appendingPathComponent("covizone-mirror-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: mirror) }
        try await TestServer.run(engine: engine, configure: { $0.exposure.exportDirectory = mirror.path }) { server, client in
            try await server.addAccount("doh-hcm", role: .healthAuthority, province: "79")
            let officer = try await client.token(username: "doh-hcm", password: "correct horse battery")
            let code = try await server.issueCode(client, officer: officer, symptomDate: "2027-01-13")
            let phone = ExposurePhone(client: client, days: 14, now: server.clock.now)

            let verified = try await phone.verify(code.short)
            #expect(verified.status == .ok)
            let verifiedBody = try verified.json()
            #expect(verifiedBody["testtype"] as? String == "confirmed")
            #expect(verifiedBody["symptomDate"] as? String == "2027-01-13")
            #expect((verifiedBody["padding"] as? String)?.count ?? 0 >= 1024)
            let token = try #require(verifiedBody["token"] as? String)

            let certified = try await phone.certificate(token: token)
            #expect(certified.status == .ok)
            let certificate = try #require(try certified.json()["certificate"] as? String)
            let claims = try Self.claims(of: certificate)
            #expect(claims["reportType"] as? String == "confirmed")
            #expect(claims["aud"] as? String == "covizone-keys")
            let onset = ENIntervalNumber(date: try #require(ISO8601DateFormatter().date(from: "2027-01-13T00:00:00Z"))).rawValue
            #expect(claims["symptomOnsetInterval"] as? Int == Int(onset))
            #expect(claims["tekmac"] as? String == ExposureKeyHMAC.authenticationCode(phone.hmacEntries, secret: phone.secret).base64EncodedString())

            let published = try await phone.publish(certificate: certificate)
            #expect(published.status == .ok, "\(published.text)")
            let result = try published.json()
            #expect(result["insertedExposures"] as? Int == 14)
            #expect((result["revisionToken"] as? String)?.isEmpty == false)
            #expect(result["padding"] is String)
            let codes = try await client.get("/api/v1/exposure/codes", token: officer).json()["items"] as? [[String: Any]]
            #expect(codes?.first?["state"] as? String == "used")

            // The window 08:00–09:00 is cut two hours after it closed; today's key waits until midnight.
            server.clock.advance(by: 2 * 3600)
            #expect(try await server.runExportCycle().batches == 0)
            server.clock.advance(by: 3600)
            let first = try await server.runExportCycle()
            #expect(first.batches == 1 && first.files == 1 && first.keys == 13)
            var exports = try await Self.downloadExports(client)
            #expect(exports.count == 1)
            let export = try #require(exports.first)
            #expect(export.region == "VN")
            #expect((1000...1100).contains(export.keys.count), "padded with random keys up to 1,000 + 0…100")
            #expect(export.keys.map(\.key.keyData) == export.keys.map(\.key.keyData).sorted { $0.lexicographicallyPrecedes($1) })
            let exported = Dictionary(uniqueKeysWithValues: export.keys.map { ($0.key.keyData, $0) })
            for (day, key) in phone.keys.dropLast().enumerated() {
                let stored = try #require(exported[key.keyData], "key of day \(day) is exported")
                #expect(stored.reportType == .confirmedTest)
                #expect(stored.transmissionRiskLevel == 2)
                #expect(stored.daysSinceOnsetOfSymptoms == day - 11)
            }
            #expect(exported[phone.keys.last!.keyData] == nil, "today's key is embargoed")

            server.clock.advance(by: 16 * 3600 + 3 * 3600)  // 2027-01-16 03:00
            let second = try await server.runExportCycle()
            #expect(second.batches == 1 && second.keys == 1)
            exports = try await Self.downloadExports(client)
            #expect(exports.count == 2)
            #expect(exports.last?.keys.contains { $0.key.keyData == phone.keys.last!.keyData } == true)
            #expect(try await server.runExportCycle().batches == 0, "a window is cut once")

            let served = try await client.get("/exposure/v1/VN/index.txt").text
            #expect(try String(contentsOf: mirror.appendingPathComponent("VN/index.txt"), encoding: .utf8) == served, "the folder mirrors the index")
            for line in served.split(separator: "\n") {
                let file = try await client.get("/exposure/v1/\(line)")
                #expect(try Data(contentsOf: mirror.appendingPathComponent(String(line))) == Data(buffer: file.body))
            }

            #expect(try await client.get("/exposure/v1/US/index.txt").status == .notFound)
            #expect(try await client.get("/exposure/v1/VN/nothing.zip").status == .notFound)
        }
    }

    @Test("verify: wrong, expired, used and unaccepted codes each have their error code")
    func verifyErrors() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("doh", role: .healthAuthority, province: "01")
            let officer = try await client.token(username: "doh", password: "correct horse battery")
            let phone = ExposurePhone(client: client, days: 3, now: server.clock.now)
            func errorCode(_ response: TestResponse) throws -> String? { try response.json()["errorCode"] as? String }

            let notJSON = try await client.execute(
                uri: "/api/v1/exposure/verify", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{code")
            )
            #expect(notJSON.status == .badRequest)
            #expect(try errorCode(notJSON) == "unparsable_request")
            #expect(try notJSON.json()["status"] as? Int == 400, "also an RFC 9457 problem")
            #expect(try errorCode(try await phone.verify("12345678")) == "code_not_found")
            #expect(try errorCode(try await phone.verify("a")) == "code_invalid")

            let likely = try await server.issueCode(client, officer: officer, testType: "likely")
            let unaccepted = try await phone.verify(likely.short, accept: nil)
            #expect(unaccepted.status == .preconditionFailed)
            #expect(try errorCode(unaccepted) == "unsupported_test_type")

            let code = try await server.issueCode(client, officer: officer)
            server.clock.advance(by: 15 * 60)
            #expect(try errorCode(try await phone.verify(code.short)) == "code_expired")
            let spaced = code.long.prefix(8) + " " + code.long.dropFirst(8).uppercased()
            #expect(try await phone.verify(String(spaced)).status == .ok, "the long code lasts 24 hours and is read leniently")
            #expect(try errorCode(try await phone.verify(code.long)) == "code_invalid", "a code is claimed once")
        }
    }

    @Test("verify: an address that keeps sending wrong codes is throttled")
    func verifyThrottle() async throws {
        try await TestServer.run { server, client in
            let phone = ExposurePhone(client: client, days: 1, now: server.clock.now)
            for attempt in 0..<server.configuration.maximumFailedLoginsPerAddress {
                #expect(try await phone.verify(String(format: "%08d", attempt)).status == .badRequest)
            }
            let throttled = try await phone.verify("99999999")
            #expect(throttled.status == .tooManyRequests)
            #expect(try throttled.json()["errorCode"] as? String == "quota_exceeded")
        }
    }

    @Test(
        "verify: a parallel burst of guesses gets no further than the limit, per address and for all phones together",
        arguments: [(perAddress: 5, global: 1_000), (perAddress: 1_000, global: 5)]
    )
    func verifyBurst(limits: (perAddress: Int, global: Int)) async throws {
        try await TestServer.run(configure: {
            $0.maximumFailedLoginsPerAddress = limits.perAddress
            $0.exposure.maximumCodeGuesses = limits.global
        }) { server, client in
            try await server.addAccount("doh", role: .healthAuthority, province: "01")
            let officer = try await client.token(username: "doh", password: "correct horse battery")
            let live = try await server.issueCode(client, officer: officer)
            let phone = ExposurePhone(client: client, days: 1, now: server.clock.now)
            let answers = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for guess in 0..<30 {
                    group.addTask { try await phone.verify(String(format: "%08d", guess)).status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            let checked = answers.count(where: { $0 == .badRequest })
            #expect(checked <= 5, "no more guesses are checked than the limit allows (fewer when they all begin at once)")
            // On a loaded machine some wait too long for a connection: 503, try again (never a 500).
            #expect(answers.count(where: { [.tooManyRequests, .serviceUnavailable].contains($0) }) == 30 - checked, "\(Dictionary(grouping: answers, by: \.code).mapValues(\.count))")
            #expect(try await phone.verify(live.short).status == .tooManyRequests, "not even the right code while the limit holds")
            server.clock.advance(by: server.configuration.loginThrottleWindow.timeInterval + 1)
            #expect(try await phone.verify(live.long).status == .ok, "the window over, the phone uploads")
            for guess in 0..<5 {
                #expect(try await phone.verify(String(format: "9999999%d", guess)).status == .badRequest, "a right code does not use up the limit")
            }
        }
    }

    @Test("certificate: bad HMAC, unknown, reused and expired tokens are refused")
    func certificateErrors() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("doh", role: .healthAuthority, province: "01")
            let officer = try await client.token(username: "doh", password: "correct horse battery")
            let phone = ExposurePhone(client: client, days: 2, now: server.clock.now)
            func errorCode(_ response: TestResponse) throws -> String? { try response.json()["errorCode"] as? String }

            let token = try #require(try await phone.verify(try await server.issueCode(client, officer: officer).short).json()["token"] as? String)
            let badHMAC = try await client.postJSON("/api/v1/exposure/certificate", ["token": token, "ekeyhmac": "c2hvcnQ="])
            #expect(try errorCode(badHMAC) == "hmac_invalid")
            #expect(try errorCode(try await phone.certificate(token: "unknown")) == "token_invalid")
            #expect(try await phone.certificate(token: token).status == .ok)
            #expect(try errorCode(try await phone.certificate(token: token)) == "token_invalid", "a token buys one certificate")

            let late = try #require(try await phone.verify(try await server.issueCode(client, officer: officer).short).json()["token"] as? String)
            server.clock.advance(by: 24 * 3600)
            #expect(try errorCode(try await phone.certificate(token: late)) == "token_expired")
        }
    }

    @Test("publish: every refusal has the key server's code and stores nothing", arguments: TestEngine.available)
    func publishErrors(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("doh", role: .healthAuthority, province: "01")
            let officer = try await client.token(username: "doh", password: "correct horse battery")
            var phone = ExposurePhone(client: client, days: 3, now: server.clock.now)
            func code(_ response: TestResponse) throws -> String? { try response.json()["code"] as? String }

            let certificate = try await phone.certificate(code: try await server.issueCode(client, officer: officer).short)
            let unknownAuthority = try await client.postJSON(
                "/api/v1/exposure/publish", phone.publishBody(certificate: certificate, healthAuthorityID: "com.example")
            )
            #expect(unknownAuthority.status == .unauthorized)
            #expect(try code(unknownAuthority) == "unknown_health_authority_id")
            #expect(try code(try await phone.publish(certificate: "")) == "health_authority_verification_certificate_invalid")

            var forgedClaims = try Self.claims(of: certificate)
            forgedClaims["reportType"] = "likely"
            let parts = certificate.split(separator: ".")
            let forged = "\(parts[0]).\(try JSONSerialization.data(withJSONObject: forgedClaims).base64URLEncodedString).\(parts[2])"
            let forgedResponse = try await phone.publish(certificate: forged)
            #expect(forgedResponse.status == .unauthorized)
            #expect(try forgedResponse.json()["error"] as? String == "the certificate's signature does not verify")

            var otherKeys = phone
            otherKeys.keys.removeFirst()
            let mismatch = try await otherKeys.publish(certificate: certificate)
            #expect(try code(mismatch) == "health_authority_verification_certificate_invalid")
            #expect(try mismatch.json()["error"] as? String == "the keys do not match the HMAC in the verification certificate")

            var tooLarge = phone.publishBody(certificate: certificate)
            tooLarge["padding"] = String(repeating: "A", count: 70_000)
            let large = try await client.postJSON("/api/v1/exposure/publish", tooLarge)
            #expect(large.status == .contentTooLarge)
            #expect(try code(large) == "bad_request")

            let garbage = try await client.execute(
                uri: "/api/v1/exposure/publish", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"temporaryExposureKeys": "none"}"#)
            )
            #expect(garbage.status == .badRequest)
            #expect(try code(garbage) == "bad_request")

            var badKey = phone.publishBody(certificate: certificate)
            badKey["temporaryExposureKeys"] = [["key": "AAAA", "rollingStartNumber": 2_900_000, "rollingPeriod": 144]]
            let badKeyResponse = try await client.postJSON("/api/v1/exposure/publish", badKey)
            #expect(badKeyResponse.status == .badRequest)
            #expect((try badKeyResponse.json()["error"] as? String)?.contains("3 bytes") == true)

            #expect(try await phone.publish(certificate: certificate).status == .ok)
            let reused = try await phone.publish(certificate: certificate)
            #expect(reused.status == .unauthorized)
            #expect(try reused.json()["error"] as? String == "this verification certificate has already been used")

            phone = ExposurePhone(client: client, days: 2, now: server.clock.now)
            let expiring = try await phone.certificate(code: try await server.issueCode(client, officer: officer).short)
            server.clock.advance(by: 16 * 60)
            #expect(try await phone.publish(certificate: expiring).json()["error"] as? String == "the certificate has expired")
        }
    }

    @Test("chaff requests get padding only, store nothing and claim nothing")
    func chaff() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("doh", role: .healthAuthority, province: "01")
            let officer = try await client.token(username: "doh", password: "correct horse battery")
            let code = try await server.issueCode(client, officer: officer)
            for path in ["verify", "certificate", "publish"] {
                let response = try await client.postJSON("/api/v1/exposure/\(path)", ["code": code.short], headers: [HTTPField.Name("X-Chaff")!: "1"])
                #expect(response.status == .ok)
                #expect(try Set(response.json().keys) == ["padding"])
            }
            let phone = ExposurePhone(client: client, days: 1, now: server.clock.now)
            #expect(try await phone.verify(code.short).status == .ok, "the chaff did not claim the code")
        }
    }

    @Test("a likely case's keys are revised to confirmed with the revision token, and exported as revised keys", arguments: TestEngine.available)
    func revision(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("doh", role: .healthAuthority, province: "01")
            let officer = try await client.token(username: "doh", password: "correct horse battery")
            let phone = ExposurePhone(client: client, days: 4, now: server.clock.now - 86_400)
            func code(_ response: TestResponse) throws -> String? { try response.json()["code"] as? String }
            func certificate(_ type: String) async throws -> String {
                try await phone.certificate(code: try await server.issueCode(client, officer: officer, testType: type).short)
            }

            let first = try await phone.publish(certificate: try await certificate("likely"))
            #expect(try first.json()["insertedExposures"] as? Int == 4)
            let token = try #require(try first.json()["revisionToken"] as? String)
            server.clock.advance(by: 3 * 3600)
            #expect(try await server.runExportCycle().keys == 4)

            #expect(try code(try await phone.publish(certificate: try await certificate("confirmed"))) == "missing_revision_token")
            #expect(try code(try await phone.publish(certificate: try await certificate("confirmed"), revisionToken: "forged")) == "invalid_revision_token")
            let revised = try await phone.publish(certificate: try await certificate("confirmed"), revisionToken: token)
            #expect(revised.status == .ok)
            #expect(try revised.json()["insertedExposures"] as? Int == 4)
            let newToken = try #require(try revised.json()["revisionToken"] as? String)
            let again = try await phone.publish(certificate: try await certificate("negative"), revisionToken: newToken)
            #expect(try code(again) == "key_already_revised", "a key is revised once")

            server.clock.advance(by: 3 * 3600)
            #expect(try await server.runExportCycle().batches == 1)
            let exports = try await Self.downloadExports(client)
            let last = try #require(exports.last)
            #expect(Set(last.revisedKeys.map(\.key.keyData)) == Set(phone.keys.map(\.keyData)))
            #expect(last.revisedKeys.allSatisfy { $0.reportType == .confirmedTest && $0.transmissionRiskLevel == 2 })
        }
    }

    @Test("after a rotation both keys sign for 7 days, then only the new one; keys and files are purged after 14 days", arguments: TestEngine.available)
    func rotationAndPurge(engine: TestEngine) async throws {
        let mirror = FileManager.default.temporaryDirectory.appendingPathComponent("covizone-mirror-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: mirror) }
        try await TestServer.run(engine: engine, configure: { $0.exposure.exportDirectory = mirror.path }) { server, client in
            try await server.addAccount("doh", role: .healthAuthority, province: "01")
            func publishAndExport(days: Int) async throws -> ExportArchive {
                let officer = try await client.token(username: "doh", password: "correct horse battery")
                let phone = ExposurePhone(client: client, days: days, now: server.clock.now - 86_400)
                let response = try await phone.publish(certificate: try await phone.certificate(code: try await server.issueCode(client, officer: officer).short))
                #expect(response.status == .ok, "\(response.text)")
                server.clock.advance(by: 3 * 3600)
                #expect(try await server.runExportCycle().files == 1)
                let index = try await client.get("/exposure/v1/VN/index.txt").text.split(separator: "\n")
                return try ExportArchive(zip: Data(buffer: try await client.get("/exposure/v1/\(try #require(index.last))").body))
            }

            let rotated = try await server.withDatabase {
                try await ExposureKeyring(database: $0, exportKeyID: server.configuration.exposure.exportKeyID, clock: server.clock.wallClock).rotateExportKey()
            }
            #expect(rotated.keyVersion == "v2")
            let listed = try #require(try await client.get("/api/v1/exposure/signing-keys").json()["keys"] as? [[String: Any]])
            #expect(listed.map { $0["keyVersion"] as? String } == ["v1", "v2"])
            #expect(listed.first?["retiresAt"] is String && listed.first?["active"] as? Bool == true)

            let overlapping = try await publishAndExport(days: 2)
            #expect(Set(overlapping.signatures.map(\.info.keyVersion)) == ["v1", "v2"])
            let keys = try await Self.verificationKeys(client)
            #expect(throws: Never.self) { try overlapping.verifiedExport(with: keys.filter { $0.keyVersion == "v1" }) }
            #expect(throws: Never.self) { try overlapping.verifiedExport(with: keys.filter { $0.keyVersion == "v2" }) }

            server.clock.advance(by: 7 * 86_400)
            let later = try await publishAndExport(days: 1)
            #expect(later.signatures.map(\.info.keyVersion) == ["v2"])

            // 15 days after the last export: every key stopped rolling more than 14 days ago.
            server.clock.advance(by: 15 * 86_400)
            try await server.withDatabase { try await server.retention($0).purgeOnce() }
            #expect(try await client.get("/exposure/v1/VN/index.txt").text.isEmpty)
            _ = try await server.runExportCycle()
            #expect(try FileManager.default.contentsOfDirectory(atPath: mirror.appendingPathComponent("VN").path) == ["index.txt"], "purged files leave the folder too")
            let remaining = try await server.withDatabase { database in
                try await ExposureKeyRepository(database: database).keys(region: "VN", availableFrom: .distantPast, to: .distantFuture)
            }
            #expect(remaining.isEmpty)
            let versions = try #require(try await client.get("/api/v1/exposure/signing-keys").json()["keys"] as? [[String: Any]])
            #expect(versions.map { $0["keyVersion"] as? String } == ["v2"], "the retired key is deleted once its files are gone")
        }
    }

    @Test("two instances exporting at the same moment cut each window once", arguments: TestEngine.available)
    func concurrentExporters(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("doh", role: .healthAuthority, province: "01")
            let officer = try await client.token(username: "doh", password: "correct horse battery")
            let phone = ExposurePhone(client: client, days: 3, now: server.clock.now - 86_400)
            #expect(try await phone.publish(certificate: try await phone.certificate(code: try await server.issueCode(client, officer: officer).short)).status == .ok)
            server.clock.advance(by: 3 * 3600)
            let reports = try await server.withDatabase { first in
                try await server.withDatabase { second in
                    func exporter(_ database: Database) -> ExposureExporter {
                        ExposureExporter(database: database, settings: server.configuration.exposure, clock: server.clock.wallClock, logger: Logger(label: "test"))
                    }
                    async let one = exporter(first).runCycle()
                    async let two = exporter(second).runCycle()
                    return try await [one, two]
                }
            }
            #expect(reports.map(\.batches).reduce(0, +) == 1, "\(reports)")
            #expect(try await client.get("/exposure/v1/VN/index.txt").text.split(separator: "\n").count == 1)
        }
    }
}
