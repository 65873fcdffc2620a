import CampaignDispatch
import CommunicationReporting
import CovizoneStore
import Foundation
import Logging
import VenueCheckIn

/// Every setting of a Covizone server, read once at start. The CLI fills it from flags and
/// environment variables (see the README's configuration table).
public struct ServerConfiguration: Sendable {
    /// Interface to listen on.
    public var host = "127.0.0.1"
    /// TCP port to listen on (0 picks a free one).
    public var port = 8080
    /// Where `/metrics` is served instead of the public port (`--metrics-address HOST:PORT`), so
    /// that only Prometheus reaches it; nil serves it on the public port.
    public var metricsAddress: ListenAddress?
    /// Folder of the embedded SQLite database and other local state.
    public var dataDirectory = "./covizone-data"
    /// `postgres://…`; when set, PostgreSQL is used instead of SQLite.
    public var databaseURL: String?
    /// Connections each event loop may open to the database.
    public var databaseConnectionsPerEventLoop = 2
    /// Seed demo data and one account per role on start.
    public var demo = false
    /// `text` for people, `json` for log collectors.
    public var logFormat: LogFormat = .text
    public var logLevel: Logger.Level = .info
    /// bcrypt cost factor for new password hashes.
    public var passwordHashCost: UInt8 = 12
    /// How long a web session lasts after sign-in.
    public var sessionLifetime: Duration = .seconds(12 * 3600)
    /// How long an API bearer token lasts.
    public var tokenLifetime: Duration = .seconds(8 * 3600)
    /// Send cookies without the `Secure` attribute. Only for plain-HTTP test networks:
    /// browsers already accept secure cookies from `localhost`.
    public var insecureCookies = false
    /// Run the background services (retention purge, export batches, reminders) on their timers.
    /// Tests turn them off and run each cycle by hand, so that a timer never races the test.
    public var backgroundServices = true
    /// Also write queued texts (one-time codes, reminders) to the log, for development while no
    /// SMS gateway sends them (see ``writesTextMessagesToLog``).
    public var logTextMessages = true
    /// Failed logins within ``loginThrottleWindow`` after which an account is locked for the window.
    public var maximumFailedLoginsPerAccount = 5
    /// Failed logins within ``loginThrottleWindow`` after which an address is refused for the window.
    public var maximumFailedLoginsPerAddress = 20
    public var loginThrottleWindow: Duration = .seconds(15 * 60)
    /// One-time codes the server texts in an hour, to all phones together: what a flood of
    /// requests for codes to numbers of an attacker's choosing can cost at most.
    public var maximumOneTimeCodesPerHour = 2_000
    /// One-time codes asked for from one address in an hour (a household's or a school's Wi-Fi).
    public var maximumOneTimeCodesPerAddress = 20
    /// Anonymous requests one address may make in a minute, by kind.
    public var addressLimits = AddressLimits()
    /// Proxies whose `X-Forwarded-For` names the client (for limits and the audit log); the
    /// header is ignored from any other peer.
    public var trustedProxies: [IPNetwork] = []
    /// Days the audit log is kept before it is purged.
    public var auditRetentionDays = 730
    /// Host name (and port) in the URLs printed on QR posters: `https://HOST/c#…`.
    public var publicHost = "localhost:8080"
    /// Days a venue visit is kept (and the oldest check-in time accepted from an offline phone).
    public var visitRetentionDays = 21
    /// Days entry declarations (travellers) are kept after their first submission.
    public var entryDeclarationRetentionDays = 60
    /// Days voluntary declarations (households) are kept after their submission.
    public var voluntaryDeclarationRetentionDays = 30
    /// Days a health facility's case is kept after it closed (recovered, deceased, transferred or cleared).
    public var healthCaseRetentionDays = 365
    /// Days sent messages (numbers, texts, receipts) are kept; the round figures stay.
    public var messageRetentionDays = 90
    /// Days a subscriber list is kept after its last use (created, imported into, or used by a
    /// campaign that has since ended); then it is deleted with its members.
    public var audienceRetentionDays = 90
    /// The hour (Vietnam time, 0–23) after which a facility with no self-check that day is texted a reminder.
    public var safetyReminderHour = 10
    /// Days after a reporting round's due time during which late reports are still accepted; then it locks.
    public var reportingLockDays = 7
    /// The ministry DHIS2's codes for our data elements and org units in exports (nil: our own ids).
    public var reportingCodeMapping: ReportingCodeMapping?
    /// Minutes added before and after an outbreak's window when finding exposed visits.
    public var outbreakBufferMinutes = 30
    /// Stay lengths that replace a venue type's default (a forgotten check-out ends after it).
    public var venueStayMinutes: [VenueType: Int] = [:]
    /// The exposure notification key server.
    public var exposure = ExposureSettings()
    /// The campaign engine and its SMS gateways.
    public var messaging = MessagingSettings()
    /// The misinformation desk.
    public var misinformation = MisinformationSettings()

    /// Anonymous requests (POST) one client address may make in a minute on one instance, by kind:
    /// generous enough for a venue's, a school's or a clinic's shared Wi-Fi.
    public struct AddressLimits: Sendable, Equatable {
        /// Check-ins, their previews and check-outs.
        public var checkIns = 120
        /// The phones' exposure endpoints (verify, certificate, publish).
        public var exposure = 60
        /// Entry declarations and household sign-ins and updates, API and pages.
        public var declarations = 60
        /// Passwords set with an invitation (each costs a bcrypt hash).
        public var invitations = 10
        /// Citizens' reports on safety-map facilities (each may carry a 2 MB photo).
        public var feedback = 10
        /// Citizens' questions for official information.
        public var questions = 10
        /// Official information's searches and facility look-ups (reads, so generous).
        public var lookUps = 300

        public init() {}

        /// Reads `checkins=120,exposure=60,declarations=60,invitations=10,feedback=10,questions=10,lookups=300` (any of them); nil when a part is not
        /// `KIND=N` with N from 1 to 1,000,000.
        public static func parse(_ text: String) -> AddressLimits? {
            var limits = AddressLimits()
            for part in text.split(separator: ",") {
                let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, let value = Int(pair[1]), (1...1_000_000).contains(value) else { return nil }
                switch pair[0] {
                case "checkins": limits.checkIns = value
                case "exposure": limits.exposure = value
                case "declarations": limits.declarations = value
                case "invitations": limits.invitations = value
                case "feedback": limits.feedback = value
                case "questions": limits.questions = value
                case "lookups": limits.lookUps = value
                default: return nil
                }
            }
            return limits
        }
    }

    /// A host and port to listen on.
    public struct ListenAddress: Sendable, Equatable {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        /// Reads `HOST:PORT` (`[::1]:9090` for an IPv6 address); nil when it is not one.
        public init?(_ text: String) {
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
            var host = String(text[..<colon])
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            guard !host.isEmpty, !host.contains(where: \.isWhitespace) else { return nil }
            self.init(host: host, port: port)
        }
    }

    public enum LogFormat: String, Sendable, CaseIterable {
        case text
        case json
    }

    public init() {}

    /// True when queued texts, one-time codes among them, are written to the log: only while no
    /// SMS gateway is configured to send them (a developer reads a code there), never when
    /// ``logTextMessages`` is off, and in JSON logs (what production collects) only at `debug`.
    public var writesTextMessagesToLog: Bool {
        logTextMessages && messaging.connections.isEmpty && messaging.httpProviders.isEmpty && (logFormat == .text || logLevel <= .debug)
    }

    /// Reads `office=480,market=60` into stay lengths; nil when a part is not `TYPE=MINUTES`.
    public static func venueStays(_ text: String) -> [VenueType: Int]? {
        var stays: [VenueType: Int] = [:]
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let type = VenueType(rawValue: pair[0]), let minutes = Int(pair[1]) else { return nil }
            stays[type] = minutes
        }
        return stays
    }

    /// The store these settings point at.
    public var databaseLocation: DatabaseLocation {
        DatabaseLocation.resolve(databaseURL: databaseURL, dataDirectory: dataDirectory)
    }

    /// Every problem with these settings, so that an operator can fix them all at once.
    public func problems() -> [String] {
        var problems: [String] = []
        if !(0...65535).contains(port) { problems.append("port \(port) is not between 0 and 65535") }
        if host.isEmpty { problems.append("host is empty") }
        if publicHost.isEmpty || publicHost.contains(where: { $0.isWhitespace || "/#?".contains($0) }) {
            problems.append("public host must be a host name with an optional port, like covizone.gov.vn")
        }
        if let databaseURL, !databaseURL.isEmpty, !(databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://")) {
            problems.append("database URL must start with postgres:// or postgresql://")
        }
        if !(1...64).contains(databaseConnectionsPerEventLoop) { problems.append("database connections per event loop must be 1 to 64") }
        if !(4...31).contains(passwordHashCost) { problems.append("password hash cost must be 4 to 31") }
        if auditRetentionDays < 1 { problems.append("audit retention must be at least one day") }
        if maximumOneTimeCodesPerHour < 1 || maximumOneTimeCodesPerAddress < 1 { problems.append("one-time code limits must be at least 1") }
        if !(1...365).contains(visitRetentionDays) { problems.append("visit retention must be 1 to 365 days") }
        if !(1...365).contains(entryDeclarationRetentionDays) { problems.append("entry declaration retention must be 1 to 365 days") }
        if !(1...365).contains(voluntaryDeclarationRetentionDays) { problems.append("voluntary declaration retention must be 1 to 365 days") }
        if !(30...3650).contains(healthCaseRetentionDays) { problems.append("health case retention must be 30 to 3650 days") }
        if !(1...365).contains(messageRetentionDays) { problems.append("message retention must be 1 to 365 days") }
        if !(1...365).contains(audienceRetentionDays) { problems.append("audience retention must be 1 to 365 days") }
        if !(0...23).contains(safetyReminderHour) { problems.append("the safety reminder hour must be 0 to 23") }
        if !(0...90).contains(reportingLockDays) { problems.append("the reporting lock must be 0 to 90 days after the due time") }
        if !(0...1440).contains(outbreakBufferMinutes) { problems.append("outbreak buffer must be 0 to 1440 minutes") }
        for (type, minutes) in venueStayMinutes where !(5...1440).contains(minutes) {
            problems.append("the stay at a \(type.rawValue) must be 5 to 1440 minutes")
        }
        if sessionLifetime <= .zero || tokenLifetime <= .zero { problems.append("session and token lifetimes must be positive") }
        return problems + exposure.problems() + messaging.problems() + misinformation.problems()
    }
}
