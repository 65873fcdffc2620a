import AsyncHTTPClient
import Foundation
import NIOCore

/// The SMSC simulator of `scripts/smsc-simulator` (an SMPP 3.4 server on the PyPI package smpp34)
/// in a process of its own, driven over its HTTP control port. scripts/test installs it in a
/// virtual environment and names its Python in `COVIZONE_TEST_SMSC_PYTHON`; without it the tests
/// that need it are skipped.
public final class SMSCSimulator: Sendable {
    /// One submit_sm the SMSC received.
    public struct Submission: Decodable, Sendable, Equatable {
        public var session: String
        public var systemID: String
        public var source: String
        public var destination: String
        public var esmClass: UInt8
        public var dataCoding: UInt8
        public var registeredDelivery: UInt8
        /// The short_message octets, in hex.
        public var shortMessage: String
        public var status: UInt32
        public var messageID: String?

        enum CodingKeys: String, CodingKey {
            case session, source, destination, status
            case systemID = "system_id", esmClass = "esm_class", dataCoding = "data_coding"
            case registeredDelivery = "registered_delivery", shortMessage = "short_message", messageID = "message_id"
        }

        /// The short_message octets.
        public var shortMessageBytes: [UInt8] {
            var bytes: [UInt8] = []
            var characters = shortMessage.makeIterator()
            while let high = characters.next(), let low = characters.next() {
                bytes.append(UInt8(String([high, low]), radix: 16) ?? 0)
            }
            return bytes
        }
    }

    public static let python = ProcessInfo.processInfo.environment["COVIZONE_TEST_SMSC_PYTHON"].flatMap {
        FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil
    }

    /// True when the simulator can be started here.
    public static var isAvailable: Bool { python != nil }

    /// The port SMPP clients connect to.
    public let smppPort: Int
    private let controlPort: Int
    private let process: Process
    private let stdin: Pipe

    private init(smppPort: Int, controlPort: Int, process: Process, stdin: Pipe) {
        self.smppPort = smppPort
        self.controlPort = controlPort
        self.process = process
        self.stdin = stdin
    }

    /// Starts a simulator. `direct` lets clients reach smpp34 without the relay that can drop
    /// and silence connections (for benchmarks).
    public static func start(direct: Bool = false) async throws -> SMSCSimulator {
        guard let python else { throw SimulatorError.unavailable }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/smsc-simulator/smsc_simulator.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, "--exit-with-stdin"] + (direct ? ["--direct"] : [])
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let line = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var line = Data()
                while let byte = try? stdout.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != UInt8(ascii: "\n") {
                    line.append(first)
                }
                continuation.resume(returning: line)
            }
        }
        struct Ports: Decodable { var smpp: Int, control: Int }
        guard let ports = try? JSONDecoder().decode(Ports.self, from: line) else {
            process.terminate()
            throw SimulatorError.didNotStart(String(decoding: line, as: UTF8.self))
        }
        return SMSCSimulator(smppPort: ports.smpp, controlPort: ports.control, process: process, stdin: stdin)
    }

    /// Ends the simulator's process.
    public func stop() {
        try? stdin.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    /// Every submit_sm received, in order.
    public func received() async throws -> [Submission] {
        try JSONDecoder().decode([Submission].self, from: try await request("GET", "/received"))
    }

    /// Counts: binds, sessions, connections, submits, accepted, receipts, mo.
    public func stats() async throws -> [String: Int] {
        try JSONDecoder().decode([String: Int].self, from: try await request("GET", "/stats"))
    }

    /// The next `count` submit_sm are answered with `status`.
    public func answer(status: UInt32, count: Int = 1) async throws {
        _ = try await request("POST", "/answers", ["status": Int(status), "count": count])
    }

    /// Receipts on or off, after a delay, with UNDELIV for the numbers given (digits only).
    public func receipts(enabled: Bool = true, delayMilliseconds: Int = 0, undeliverable: [String] = []) async throws {
        _ = try await request("POST", "/receipts", ["enabled": enabled, "delay_ms": delayMilliseconds, "undeliverable": undeliverable])
    }

    /// The SMSC's answers stop reaching the clients (or reach them again).
    public func silence(_ enabled: Bool) async throws {
        _ = try await request("POST", "/silence", ["enabled": enabled])
    }

    /// Every `every`-th submit_sm is answered ESME_RTHROTTLED (0: none), as an operator's SMSC
    /// answers a client over its rate.
    public func throttle(every: Int) async throws {
        _ = try await request("POST", "/throttle", ["every": every])
    }

    /// Each bind gets at most `partsPerSecond` submit_sm a second accepted (0: no cap); the others
    /// are answered ESME_RTHROTTLED.
    public func capRate(partsPerSecond: Int) async throws {
        _ = try await request("POST", "/rate", ["parts_per_second": partsPerSecond])
    }

    /// What the SMSC sends reaches the clients `milliseconds` late (0: at once): answers that come
    /// after the clients' response timeout.
    public func delayAnswers(milliseconds: Int) async throws {
        _ = try await request("POST", "/delay", ["ms": milliseconds])
    }

    /// Cuts every client connection; returns how many there were.
    public func drop() async throws -> Int {
        struct Dropped: Decodable { var dropped: Int }
        return try JSONDecoder().decode(Dropped.self, from: try await request("POST", "/drop", [:])).dropped
    }

    /// Sends an MO message to every bound client; returns to how many.
    public func sendMO(from source: String, to destination: String, text: String) async throws -> Int {
        struct Sent: Decodable { var sent: Int }
        return try JSONDecoder().decode(Sent.self, from: try await request("POST", "/mo", ["from": source, "to": destination, "text": text])).sent
    }

    private func request(_ method: String, _ path: String, _ body: [String: any Sendable]? = nil) async throws -> Data {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(controlPort)\(path)")
        request.method = .RAW(value: method)
        if let body {
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        guard response.status == .ok else { throw SimulatorError.commandFailed(path, String(buffer: bytes)) }
        return Data(buffer: bytes)
    }

    public enum SimulatorError: Error {
        case unavailable
        case didNotStart(String)
        case commandFailed(String, String)
    }
}
