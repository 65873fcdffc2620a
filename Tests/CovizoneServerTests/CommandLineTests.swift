import AsyncHTTPClient
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import ExposureNotification
import Foundation
import Logging
import Testing

/// Runs the built `covizone` executable (it sits next to the test bundle after `swift build --build-tests`).
enum CovizoneExecutable {
    static var url: URL? {
        let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("covizone")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }

    /// A process of the executable with `arguments`, not started, that ignores the caller's
    /// `COVIZONE_DATABASE_URL`.
    static func process(_ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = url!
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["COVIZONE_DATABASE_URL"] = nil
        process.environment = environment
        return process
    }
}

@Suite("covizone command line", .enabled(if: CovizoneExecutable.url != nil, "needs the built covizone executable"))
struct CommandLineTests {

    struct Outcome {
        var status: Int32
        var output: String
        var error: String
    }

    @Test("sms count prints the encoding, parts and length, with and without diacritics")
    func smsCount() async throws {
        let text = "Bộ Y tế khuyến cáo: đeo khẩu trang, rửa tay, giữ khoảng cách, không tụ tập. Hãy cài Bluezone để được cảnh báo sớm nếu tiếp xúc với người bệnh!!!!"
        let marked = try await covizone(["sms", "count", text])
        #expect(marked.status == 0 && marked.output == "encoding=UCS2 parts=3 chars=145\n")
        #expect(try await covizone(["sms", "count", text, "--no-diacritics"]).output == "encoding=GSM7 parts=1 chars=145\n")
        #expect(try await covizone(["sms", "count", "{€}"]).output == "encoding=GSM7 parts=1 chars=6\n")
        #expect(try await covizone(["sms", "count"]).status != 0, "the text is required")
    }

    func covizone(_ arguments: [String], input: String? = nil) async throws -> Outcome {
        let process = CovizoneExecutable.process(arguments)
        let output = Pipe()
        let error = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
                if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
                try? stdin.fileHandleForWriting.close()
            } catch {
                continuation.resume(throwing: error)
            }
        }
        return Outcome(
            status: status,
            output: String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
            error: String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        )
    }

    @Test("bad arguments exit non-zero with one line that says why")
    func badArguments() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("covizone-cli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let cases: [([String], String)] = [
            (["user", "add", "--data", data, "--username", "lan", "--password", "long enough pass", "--role", "mayor"], "unknown role mayor"),
            (["user", "add", "--data", data, "--password", "long enough pass", "--role", "venue-owner"], "--username"),
            (["user", "add", "--data", data, "--username", "lan", "--password", "short", "--role", "venue-owner"], "at least 12 characters"),
            (["user", "add", "--data", data, "--username", "lan", "--password", "long enough pass", "--role", "province-officer"], "needs a province"),
            (["serve", "--data", data, "--port", "70000"], "port 70000"),
            (["user", "set-password", "--data", data, "--username", "ghost", "--password", "long enough pass"], "does not exist"),
            (["user", "list", "--data", data, "--password-hash-cost", "40"], "password hash cost must be 4 to 31"),
            (["exposure", "export-now", "--data", data, "--exposure-export-period", "7m"], "divide 24 hours"),
            (["serve", "--data", data, "--exposure-export-delay", "soon"], "soon is not a duration"),
            (["exposure", "export-now", "--data", data, "--exposure-region", "V N"], "exposure region"),
        ]
        for (arguments, reason) in cases {
            let outcome = try await covizone(arguments)
            #expect(outcome.status != 0, "\(arguments)")
            let lines = outcome.error.split(separator: "\n")
            #expect(lines.count == 1, "one line for \(arguments): \(outcome.error)")
            #expect(outcome.error.hasPrefix("covizone: "))
            #expect(outcome.error.contains(reason), "\(outcome.error) should say \(reason)")
        }
        #expect(try await covizone(["user", "add", "--help"]).status == 0)
    }

    @Test("accounts are added, listed and given new passwords on the store a server would use")
    func accountLifecycle() async throws {
        try await withStore(.sqlite) { store in
        let data = store.dataDirectory
        let migrate = try await covizone(["migrate", "--data", data])
        #expect(migrate.status == 0)
        #expect(migrate.output.contains("Schema at version \(Migrations.all.count)"))

        let add = try await covizone(
            ["user", "add", "--data", data, "--username", "officer.hn", "--password", "-", "--role", "province-officer", "--province", "1",
             "--password-hash-cost", "4"],
            input: "a long enough secret\n"
        )
        #expect(add.status == 0, "\(add.error)")
        #expect(add.output.contains("province 01"))
        let duplicate = try await covizone(
            ["user", "add", "--data", data, "--username", "officer.hn", "--password", "another long one", "--role", "venue-owner", "--password-hash-cost", "4"]
        )
        #expect(duplicate.status != 0)
        #expect(duplicate.error.contains("already exists"))

        let facility = try await covizone(
            ["user", "add", "--data", data, "--username", "bv.bachmai", "--password", "a hospital secret", "--role", "health-facility", "--province", "01",
             "--display-name", "Bệnh viện Bạch Mai", "--phone", "0912 345 678", "--password-hash-cost", "4"]
        )
        #expect(facility.status == 0, "\(facility.error)")
        let badPhone = try await covizone(
            ["user", "add", "--data", data, "--username", "unit.1", "--password", "a unit secret!", "--role", "reporting-unit", "--phone", "12",
             "--org-unit", "a b", "--password-hash-cost", "4"]
        )
        #expect(badPhone.status != 0 && badPhone.error.contains("phone") && badPhone.error.contains("orgUnitId"))

        let list = try await covizone(["user", "list", "--data", data, "--province", "1"])
        #expect(list.status == 0)
        #expect(list.output.contains("officer.hn"))
        #expect(list.output.contains("province-officer"))

        let change = try await covizone(
            ["user", "set-password", "--data", data, "--username", "officer.hn", "--password", "a brand new secret", "--password-hash-cost", "4"]
        )
        #expect(change.status == 0, "\(change.error)")

        let database = try await store.open()
        let user = try #require(try await UserRepository(database: database).find(username: "officer.hn"))
        #expect(user.passwordHash.hasPrefix("$2b$04$"))
        let hospital = try #require(try await UserRepository(database: database).find(username: "bv.bachmai"))
        #expect(hospital.details == AccountDetails(stored: "Bệnh viện Bạch Mai", phone: "+84912345678", orgUnitID: nil) && hospital.createdBy == nil)
        let audit = try await AuditLogRepository(database: database).list(beforeID: nil, limit: 10)
        #expect(audit.first?.action == "users.list")
        #expect(audit.first?.actor.hasPrefix("cli:") == true)
        #expect(audit.first?.provinceCode == "01")
        try await database.shutdown()
        }
    }

    @Test("serve starts on a fresh folder, answers, and stops cleanly on SIGTERM")
    func serveAndStop() async throws {
        try await withStore(.sqlite) { store in
        // Below Linux's ephemeral ports (32768 and up: other tests' servers bound to port 0), and
        // apart from chromedriver's (see `ChromeDriverProcess`).
        let port = Int.random(in: 26_001...32_000)
        let process = Process()
        process.executableURL = CovizoneExecutable.url!
        let metricsPort = port + 1
        process.arguments = [
            "serve", "--data", store.dataDirectory, "--port", "\(port)", "--password-hash-cost", "4", "--log-format", "json",
            "--metrics-address", "127.0.0.1:\(metricsPort)",
        ]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let exited = AsyncStream<Int32> { continuation in
            process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        }
        try process.run()
        var healthy = false
        for _ in 0..<100 where !healthy {
            let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz")
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(1)), response.status == .ok {
                healthy = true
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(healthy, "the server answered /healthz")
        func get(_ url: String) async throws -> (status: UInt, body: String) {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
            return (response.status.code, String(buffer: try await response.body.collect(upTo: 1 << 20)))
        }
        #expect(try await get("http://127.0.0.1:\(port)/metrics").status == 404, "the public port does not serve the metrics")
        let metrics = try await get("http://127.0.0.1:\(metricsPort)/metrics")
        #expect(metrics.status == 200 && metrics.body.contains("# TYPE"), "the metrics address does")
        process.terminate()  // SIGTERM
        var status: Int32?
        for await code in exited { status = code }
        #expect(status == 0, "graceful shutdown exits 0")
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("Sign in as admin with password"), "the first password is printed once")
        let logs = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(logs.contains("\"message\":\"database connections closed\""), "JSON logs, and the pool closed after the HTTP server")
        #expect(FileManager.default.fileExists(atPath: store.dataDirectory + "/covizone.sqlite"), "the store was created")
        }
    }
}

@Suite("covizone exposure", .enabled(if: CovizoneExecutable.url != nil, "needs the built covizone executable"))
struct ExposureCommandLineTests {
    let shell = CommandLineTests()

    @Test("rpi prints 'ENIN RPI AEM' lines of the official vectors")
    func rollingIdentifiers() async throws {
        let outcome = try await shell.covizone(["exposure", "rpi", "--tek", "75c734c6dd1a782de7a965da5eb93125", "--interval", "2642976", "--count", "2"])
        #expect(outcome.status == 0)
        #expect(outcome.output == "2642976 8be6cd371c5c891604bfbe49df845096 72033874\n2642977 3c9a1de5dd6b02afa7fded7b570b3e56 c29211b1\n")
        let bad = try await shell.covizone(["exposure", "rpi", "--tek", "75c7", "--interval", "1"])
        #expect(bad.status != 0)
        #expect(bad.error == "covizone: --tek: temporary exposure key must be 16 bytes, not 2\n")
    }

    @Test("inspect prints the header and checks the signature")
    func inspect() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("covizone-inspect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("export.zip").path
        let publicKey = folder.appendingPathComponent("public.pem").path
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ExposureNotificationExportTests/Fixtures")
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("ens-example-export-2-records.zip").path, toPath: file)
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("ens-example-export-public.pem").path, toPath: publicKey)

        let good = try await shell.covizone(["exposure", "inspect", file, "--public-key", publicKey])
        #expect(good.status == 0)
        #expect(good.output.contains("region: US\n"))
        #expect(good.output.contains("keys: 2\n"))
        #expect(good.output.contains("signature: key id some_id, version 1"))
        #expect(good.output.hasSuffix("signature verified: yes\n"))

        let otherKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE49JY6kekDgxj3Crm4y6kEHdfoKQFSNDM4mV9cgDb+e5nOAw0GeRoRThCu9/wX5wDT2QloFoOjl2pGZHI0f3C3w=="
        let wrong = try await shell.covizone(["exposure", "inspect", file, "--public-key", otherKey])
        #expect(wrong.status == 1)
        #expect(wrong.output.hasSuffix("signature verified: no\n"))
        #expect(wrong.error.isEmpty)

        let notZip = try await shell.covizone(["exposure", "inspect", publicKey])
        #expect(notZip.status != 0)
        #expect(notZip.error.contains("not a zip file"))
    }

    @Test("export-now cuts published keys into a signed file; rotate-signing-key adds a key version")
    func exportAndRotate() async throws {
        try await withStore(.sqlite) { store in
            let data = store.dataDirectory
            let empty = try await shell.covizone(["exposure", "export-now", "--data", data])
            #expect(empty.status == 0, "\(empty.error)")
            #expect(empty.output == "exported batches=0 files=0 keys=0\n")

            let database = try await store.open()
            let now = Date()
            let keys = (0..<5).map { day in
                AcceptedKey(
                    diagnosisKey: DiagnosisKey(key: TemporaryExposureKey.generate(for: now - TimeInterval(day + 1) * 86_400), reportType: .confirmedTest),
                    embargoedUntil: nil
                )
            }
            _ = try await ExposureKeyRepository(database: database).publish(
                KeyPublication(
                    certificateID: "cli-test", certificateExpiresAt: now + 900, keys: keys, region: "VN", presentedTokenHash: nil,
                    newTokenHash: Data(repeating: 1, count: 32), now: now - 3 * 3600, statisticsDay: "2000-01-01"
                )
            )
            let cut = try await shell.covizone(["exposure", "export-now", "--data", data, "--exposure-min-keys-per-file", "0"])
            #expect(cut.output == "exported batches=1 files=1 keys=5\n", "\(cut.error)")

            let exports = ExportRepository(database: database)
            let name = try #require(try await exports.fileNames(region: "VN").first)
            let zip = try #require(try await exports.file(region: "VN", name: name))
            let signingKey = try #require(try await SigningKeyRepository(database: database).all(.export).first)
            try await database.shutdown()
            let folder = URL(fileURLWithPath: data)
            try zip.write(to: folder.appendingPathComponent(name))
            try Data(signingKey.publicKeyPEM.utf8).write(to: folder.appendingPathComponent("public.pem"))
            let inspected = try await shell.covizone(
                ["exposure", "inspect", folder.appendingPathComponent(name).path, "--public-key", folder.appendingPathComponent("public.pem").path]
            )
            #expect(inspected.output.contains("keys: 5\n"))
            #expect(inspected.output.contains("signature: key id 452, version v1"))
            #expect(inspected.output.hasSuffix("signature verified: yes\n"))

            let rotated = try await shell.covizone(["exposure", "rotate-signing-key", "--data", data])
            #expect(rotated.status == 0)
            #expect(rotated.output.hasPrefix("key id=452 version=v2\n-----BEGIN PUBLIC KEY-----"))
            #expect(try await shell.covizone(["exposure", "rotate-signing-key", "--data", data]).output.hasPrefix("key id=452 version=v3\n"))
        }
    }

    @Test("simulate runs a small town in-process, prints precision and recall, and the same seed gives the same result")
    func simulate() async throws {
        let first = try await shell.covizone(["exposure", "simulate", "--people", "400", "--days", "5", "--seed", "11"])
        #expect(first.status == 0, "\(first.error)")
        let lines = first.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "simulation server=in-process")
        #expect(lines.contains("simulation people=400 days=5 seed=11"))
        let outcome = try #require(lines.first { $0.hasPrefix("precision=") })
        #expect(outcome.firstMatch(of: /^precision=[01]\.[0-9]{3} recall=[01]\.[0-9]{3}$/) != nil)
        #expect(lines.contains { $0.hasPrefix("matching ") && $0.contains("identical=yes") && $0.hasSuffix("risk_configuration_version=1") })
        #expect(first.error.contains("matching"), "a progress bar on standard error")

        let second = try await shell.covizone(["exposure", "simulate", "--people", "400", "--days", "5", "--seed", "11"])
        let stable = { (output: String) in output.split(separator: "\n").filter { !$0.hasPrefix("elapsed_seconds=") && !$0.hasPrefix("exports ") } }
        #expect(stable(second.output) == stable(first.output))

        let bad = try await shell.covizone(["exposure", "simulate", "--days", "20"])
        #expect(bad.status != 0)
        #expect(bad.error.contains("days must be 1 to 14"))
    }
}
