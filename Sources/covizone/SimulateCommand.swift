import ArgumentParser
import AsyncHTTPClient
import CovizoneCore
import CovizoneServer
import CovizoneStore
import ExposureNotification
import ExposureSimulation
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// `covizone exposure simulate`: an agent-based simulation of exposure notification against a
/// real server, in-process on a temporary store or a running one.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a town with the real core library, upload codes, publish calls, export files and on-device matching; print precision and recall.",
        discussion: """
            Without --server a server runs in this process on a temporary SQLite store and exports at once. With --server the \
            simulation publishes to that server as --officer (at most 100 codes an hour per officer) and waits up to --wait \
            minutes for the next export files (run 'covizone exposure export-now' there to hurry).
            """
    )

    @Option(help: "People in the town.") var people = 10_000
    @Option(help: "Days simulated, ending yesterday (1-14).") var days = 14
    @Option(help: "Random seed: the same seed gives the same town, contacts and cases.") var seed: UInt64 = 1
    @Option(help: "Base URL of a running Covizone server, e.g. http://localhost:8080.") var server: String?
    @Option(help: "Health authority account on --server.") var officer: String?
    @Option(name: .customLong("officer-password"), help: "Its password (or env COVIZONE_SIMULATE_OFFICER_PASSWORD).") var officerPassword: String?
    @Option(help: "Minutes to wait for --server to export the published keys.") var wait = 180
    @Option(name: .customLong("risk-configuration"), help: "A risk configuration JSON file to score with instead of the server's (to evaluate it before publishing it).")
    var riskConfigurationFile: String?

    func validate() throws {
        if server != nil, officer == nil { throw ValidationError("--server needs --officer and its password") }
    }

    /// The parameters, with every problem reported at once.
    func parameters() throws -> SimulationParameters {
        var parameters = SimulationParameters(people: people, days: days, seed: seed)
        if let riskConfigurationFile {
            do {
                parameters.riskConfiguration = try JSONDecoder().decode(RiskConfiguration.self, from: Data(contentsOf: URL(fileURLWithPath: riskConfigurationFile)))
            } catch {
                throw ValidationError("\(riskConfigurationFile) is not a readable risk configuration (see GET /api/v1/exposure/risk-configuration)")
            }
        }
        let problems = parameters.problems()
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "; ")) }
        return parameters
    }

    func run() async throws {
        let started = ContinuousClock.now
        let parameters = try parameters()
        let progress = ProgressBar()
        let report: SimulationReport
        if let server {
            report = try await runAgainst(server: server, parameters: parameters, progress: progress)
        } else {
            report = try await runInProcess(parameters: parameters, progress: progress)
        }
        progress.finish()
        print("simulation server=\(server ?? "in-process")")
        report.lines.forEach { print($0) }
        print(String(format: "elapsed_seconds=%.1f", Double((ContinuousClock.now - started).components.seconds)))
    }

    private func runAgainst(server: String, parameters: SimulationParameters, progress: ProgressBar) async throws -> SimulationReport {
        let client = DeviceAPIClient(transport: HTTPClientTransport(base: server))
        guard let password = Setting.optional(officerPassword, environment: "COVIZONE_SIMULATE_OFFICER_PASSWORD"), let officer else {
            throw ValidationError("--server needs --officer and its password")
        }
        let token = try await client.signIn(username: officer, password: password)
        let filesBefore = try await client.exportFileCount(region: parameters.region)
        let deadline = ContinuousClock.now + .seconds(wait * 60)
        return try await Simulation(parameters: parameters).run(
            client: client, officerToken: { _ in token },
            exportNow: {
                while try await client.exportFileCount(region: parameters.region) <= filesBefore, ContinuousClock.now < deadline {
                    progress.update("waiting for export", 0)
                    try await Task.sleep(for: .seconds(15))
                }
            },
            progress: progress.update
        )
    }

    private func runInProcess(parameters: SimulationParameters, progress: ProgressBar) async throws -> SimulationReport {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("covizone-simulation-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = ServerConfiguration()
        configuration.dataDirectory = folder.path
        configuration.port = 0
        configuration.logLevel = .critical  // stopping the in-process server at the end is not an error
        configuration.passwordHashCost = 4
        configuration.exposure.exportDelay = .zero
        configuration.addressLimits.exposure = 1_000_000  // every simulated phone calls from this machine
        let listening = AsyncStream<Int>.makeStream()
        let app = try await buildApplication(configuration: configuration, announce: { _ in }) { port in listening.continuation.yield(port) }
        let serverTask = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { serverTask.cancel() }
        var ports = listening.stream.makeAsyncIterator()
        guard let port = await ports.next() else { throw ValidationError("the in-process server did not start") }

        let logger = { var logger = Logger(label: "covizone.simulate"); logger.logLevel = .error; return logger }()
        let database = try await openMigratedDatabase(configuration: configuration, logger: logger)
        do {
            let client = DeviceAPIClient(transport: HTTPClientTransport(base: "http://127.0.0.1:\(port)"))
            let officers = SimulationOfficers(database: database, client: client)
            let exportSettings = configuration.exposure
            let exportPeriod = exportSettings.exportPeriod.components.seconds
            let report = try await Simulation(parameters: parameters).run(
                client: client, officerToken: { try await officers.token(forCode: $0) },
                exportNow: {
                    // Cut the window of the uploads now instead of waiting for it to close.
                    let later = WallClock { Date() + TimeInterval(exportPeriod + 60) }
                    _ = try await ExposureExporter(database: database, settings: exportSettings, clock: later, logger: logger).runCycle()
                },
                progress: progress.update
            )
            try await database.shutdown()
            return report
        } catch {
            try? await database.shutdown()
            throw error
        }
    }
}

/// Health authority accounts of the in-process run: one per 100 codes, the issuing limit.
actor SimulationOfficers {
    let database: Database
    let client: DeviceAPIClient
    private var tokens: [Int: String] = [:]

    init(database: Database, client: DeviceAPIClient) {
        self.database = database
        self.client = client
    }

    func token(forCode number: Int) async throws -> String {
        let officer = number / 100
        if let token = tokens[officer] { return token }
        var generator = SystemRandomNumberGenerator()
        let password = Data.random(count: 18, using: &generator).base64URLEncodedString
        let accounts = AccountAdministration(database: database, hasher: PasswordHasher(cost: 4), divisions: try .bundled())
        try await accounts.add(username: "simulation-officer-\(officer)", password: password, role: .healthAuthority, provinceCode: "01")
        let token = try await client.signIn(username: "simulation-officer-\(officer)", password: password)
        tokens[officer] = token
        return token
    }
}

/// The simulation's requests over AsyncHTTPClient.
struct HTTPClientTransport: HTTPTransport {
    let base: String

    func send(_ method: String, _ path: String, body: Data?, bearer: String?) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: base + path)
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "Content-Type", value: "application/json")
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 256 << 20)
        return (Int(response.status.code), Data(buffer: bytes))
    }
}

/// A one-line progress bar on standard error.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()

    func update(_ stage: String, _ fraction: Double) {
        lock.lock()
        defer { lock.unlock() }
        let filled = Int((fraction * 30).rounded())
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: 30 - filled)
        FileHandle.standardError.write(Data("\r\(stage.padding(toLength: 18, withPad: " ", startingAt: 0)) [\(bar)] \(Int(fraction * 100))%".utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
