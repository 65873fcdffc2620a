import Foundation
import Messaging
import SMPPTransport

/// Settings of the campaign engine and its SMS gateways.
public struct MessagingSettings: Sendable {
    /// The SMSC connections (read from the file given to `serve --messaging-config`); none means
    /// SMS wait in the queue.
    public var connections: [SMSCConnection] = []
    /// Zalo-style notification services for HTTP campaigns (the same file); campaigns on the HTTP
    /// channel go through the first.
    public var httpProviders: [HTTPProvider] = []
    /// Sender of single texts (one-time codes, reminders, warnings, opt-out confirmations).
    public var sender = "Covizone"
    /// How long a dispatcher holds the messages it claimed; one that stopped longer ago has its
    /// claimed messages marked unconfirmed (never sent twice).
    public var claimLease: Duration = .seconds(60)
    /// Most parts a campaign message may have unless the campaign allows fewer.
    public var maximumParts = 5
    /// Pause between dispatch cycles while there is nothing to do.
    public var idleInterval: Duration = .milliseconds(500)
    /// The keywords that start texts from phones (opt-out, question, tip).
    public var keywords = IncomingKeywords()

    public init() {}

    public func problems() -> [String] {
        var problems: [String] = []
        if sender.isEmpty || sender.count > 20 { problems.append("messaging sender must be 1 to 20 characters") }
        if claimLease < .seconds(1) { problems.append("messaging claim lease must be at least one second") }
        if !(1...10).contains(maximumParts) { problems.append("messaging maximum parts must be 1 to 10") }
        let names = connections.map(\.name)
        if Set(names).count != names.count { problems.append("SMSC connections must have different operators") }
        return problems + connections.flatMap(\.problems) + httpProviders.flatMap(\.problems)
    }

    /// Reads a messaging file: `{"connections": [{"operator": "viettel", "host": …}, …],
    /// "httpProviders": [{"name": "zalo", "url": …}, …]}` (either list may be left out).
    public static func load(from path: String) throws -> (connections: [SMSCConnection], httpProviders: [HTTPProvider]) {
        struct File: Decodable {
            var connections: [SMSCConnection]?
            var httpProviders: [HTTPProvider]?
        }
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        return (file.connections ?? [], file.httpProviders ?? [])
    }
}

/// A Zalo-style notification service: a JSON webhook that takes a template id, its parameters and
/// a phone number, with an idempotency key, and later calls back with the delivery.
public struct HTTPProvider: Sendable, Equatable, Decodable {
    public var name: String
    /// Where messages are POSTed.
    public var url: String
    /// Sent as `Authorization: Bearer …` with each message.
    public var token: String?
    /// What the provider sends in `X-Covizone-Callback-Token` when it calls back.
    public var callbackToken: String?
    /// Tries of one message before it fails (default 5); the wait between tries doubles from
    /// `retryDelaySeconds` (default 1).
    public var maxAttempts: Int?
    public var retryDelaySeconds: Double?
    /// Messages sent at once (default 20).
    public var concurrency: Int?

    public init(
        name: String, url: String, token: String? = nil, callbackToken: String? = nil, maxAttempts: Int? = nil, retryDelaySeconds: Double? = nil,
        concurrency: Int? = nil
    ) {
        self.name = name
        self.url = url
        self.token = token
        self.callbackToken = callbackToken
        self.maxAttempts = maxAttempts
        self.retryDelaySeconds = retryDelaySeconds
        self.concurrency = concurrency
    }

    /// The name receipts and figures know it by.
    public var smscName: String { "http:" + name }

    public var problems: [String] {
        var problems: [String] = []
        let label = "HTTP provider \(name)"
        if name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) { problems.append("\(label): name must be letters, digits or '-'") }
        if URL(string: url).map({ ["http", "https"].contains($0.scheme ?? "") && $0.host != nil }) != true { problems.append("\(label): url must be http(s)://host/…") }
        if let maxAttempts, !(1...20).contains(maxAttempts) { problems.append("\(label): max attempts must be 1 to 20") }
        if let retryDelaySeconds, retryDelaySeconds < 0 { problems.append("\(label): retry delay must not be negative") }
        if let concurrency, !(1...500).contains(concurrency) { problems.append("\(label): concurrency must be 1 to 500") }
        return problems
    }
}

/// One operator's SMSC (or `*`: the SMSC for every operator without one of its own).
public struct SMSCConnection: Sendable, Equatable, Decodable {
    /// An operator id (`viettel`, `vinaphone`, …) or `*`.
    public var `operator`: String
    public var host: String
    public var port: Int
    public var systemId: String
    public var password: String
    public var systemType: String?
    public var binds: Int?
    public var window: Int?
    public var partsPerSecond: Double?
    /// Seconds a submit_sm waits for its response before its part's fate is unknown (default 10);
    /// a response that comes later still settles the message.
    public var responseTimeoutSeconds: Double?

    public init(
        operator: String, host: String, port: Int, systemId: String, password: String, systemType: String? = nil, binds: Int? = nil, window: Int? = nil,
        partsPerSecond: Double? = nil, responseTimeoutSeconds: Double? = nil
    ) {
        self.operator = `operator`
        self.host = host
        self.port = port
        self.systemId = systemId
        self.password = password
        self.systemType = systemType
        self.binds = binds
        self.window = window
        self.partsPerSecond = partsPerSecond
        self.responseTimeoutSeconds = responseTimeoutSeconds
    }

    /// The name receipts and statistics know this connection by.
    public var name: String { self.operator }

    public var problems: [String] {
        var problems: [String] = []
        let label = "SMSC connection \(self.operator)"
        if self.operator != "*", MobileOperator.named(self.operator) == nil { problems.append("\(label): unknown operator (use an operator id or *)") }
        if host.isEmpty { problems.append("\(label): host is empty") }
        if !(1...65535).contains(port) { problems.append("\(label): port must be 1 to 65535") }
        if systemId.isEmpty || systemId.utf8.count > 15 { problems.append("\(label): system id must be 1 to 15 characters") }
        if password.utf8.count > 8 { problems.append("\(label): password must be at most 8 characters (SMPP 3.4)") }
        if let binds, !(1...32).contains(binds) { problems.append("\(label): binds must be 1 to 32") }
        if let window, !(1...1_000).contains(window) { problems.append("\(label): window must be 1 to 1000") }
        if let partsPerSecond, partsPerSecond <= 0 { problems.append("\(label): parts per second must be positive") }
        if let responseTimeoutSeconds, !(0.1...300).contains(responseTimeoutSeconds) { problems.append("\(label): response timeout must be 0.1 to 300 seconds") }
        return problems
    }

    /// The SMPP client settings.
    public var client: SMPPClientConfiguration {
        SMPPClientConfiguration(
            host: host, port: port, bind: SMPPBind(systemID: systemId, password: password, systemType: systemType ?? ""), binds: binds ?? 1,
            window: window ?? 10, partsPerSecond: partsPerSecond, responseTimeout: responseTimeoutSeconds ?? 10
        )
    }

}
