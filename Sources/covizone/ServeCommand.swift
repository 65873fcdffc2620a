import ArgumentParser
import CommunicationReporting
import CovizoneServer
import Foundation
import Hummingbird
import VenueCheckIn

/// `covizone serve`: runs the server until SIGTERM or SIGINT, then shuts down gracefully.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Covizone server (API and web pages).",
        discussion: "On first start the store is created and migrated and an 'admin' account is made with a random password shown once."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var exposure: ExposureOptions

    @Option(help: "Interface to listen on (env COVIZONE_HOST, default 127.0.0.1).")
    var host: String?

    @Option(help: "TCP port (env COVIZONE_PORT, default 8080).")
    var port: Int?

    @Option(name: .customLong("metrics-address"), help: "Serve /metrics on this HOST:PORT only, not on the public port, e.g. 127.0.0.1:9090 (env COVIZONE_METRICS_ADDRESS; default: on the public port).")
    var metricsAddress: String?

    @Option(name: .customLong("public-host"), help: "Host (and port) printed in QR poster URLs https://HOST/c#… (env COVIZONE_PUBLIC_HOST, default localhost:8080).")
    var publicHost: String?

    @Option(name: .customLong("visit-retention-days"), help: "Days venue visits are kept (env COVIZONE_VISIT_RETENTION_DAYS, default 21).")
    var visitRetentionDays: Int?

    @Option(name: .customLong("entry-declaration-retention-days"), help: "Days entry health declarations are kept (env COVIZONE_ENTRY_DECLARATION_RETENTION_DAYS, default 60).")
    var entryDeclarationRetentionDays: Int?

    @Option(name: .customLong("voluntary-declaration-retention-days"), help: "Days voluntary health declarations are kept (env COVIZONE_VOLUNTARY_DECLARATION_RETENTION_DAYS, default 30).")
    var voluntaryDeclarationRetentionDays: Int?

    @Option(name: .customLong("health-case-retention-days"), help: "Days a facility's case is kept after it closed (env COVIZONE_HEALTH_CASE_RETENTION_DAYS, default 365).")
    var healthCaseRetentionDays: Int?

    @Option(name: .customLong("outbreak-buffer-minutes"), help: "Minutes around an outbreak's window that still count as exposure (env COVIZONE_OUTBREAK_BUFFER_MINUTES, default 30).")
    var outbreakBufferMinutes: Int?

    @Option(name: .customLong("safety-reminder-hour"), help: "Hour (Vietnam time, 0-23) after which facilities with no self-check that day are texted a reminder (env COVIZONE_SAFETY_REMINDER_HOUR, default 10).")
    var safetyReminderHour: Int?

    @Option(name: .customLong("reporting-lock-days"), help: "Days after a reporting round's due time that late reports are still accepted (env COVIZONE_REPORTING_LOCK_DAYS, default 7).")
    var reportingLockDays: Int?

    @Option(name: .customLong("reporting-code-mapping"), help: "A JSON file mapping our data elements and org units to the ministry DHIS2's codes in exports (env COVIZONE_REPORTING_CODE_MAPPING).")
    var reportingCodeMapping: String?

    @Option(name: .customLong("venue-stays"), help: "Stay lengths replacing the venue types' defaults, as TYPE=MINUTES,… e.g. office=480,market=60 (env COVIZONE_VENUE_STAYS).")
    var venueStays: String?

    @Flag(help: "Seed demo data and one account per role, with passwords shown once (env COVIZONE_DEMO=1).")
    var demo = false

    @Option(name: .customLong("log-format"), help: "text or json (env COVIZONE_LOG_FORMAT, default text).")
    var logFormat: String?

    @Option(name: .customLong("db-connections"), help: "Database connections per event loop (env COVIZONE_DB_CONNECTIONS, default 2).")
    var databaseConnections: Int?

    @Option(name: .customLong("audit-retention-days"), help: "Days the audit log is kept (env COVIZONE_AUDIT_RETENTION_DAYS, default 730).")
    var auditRetentionDays: Int?

    @Flag(name: .customLong("insecure-cookies"), help: "Send cookies without Secure, for plain-HTTP networks other than localhost (env COVIZONE_INSECURE_COOKIES=1).")
    var insecureCookies = false

    @Flag(name: .customLong("no-text-message-log"), help: "Do not write queued texts (one-time codes, reminders) to the log (env COVIZONE_NO_TEXT_MESSAGE_LOG).")
    var noTextMessageLog = false

    @OptionGroup var messaging: MessagingOptions
    @OptionGroup var limits: LimitOptions
    @OptionGroup var misinformation: MisinformationOptions

    @Option(name: .customLong("message-retention-days"), help: "Days sent messages (numbers, texts, receipts) are kept; round figures stay (env COVIZONE_MESSAGE_RETENTION_DAYS, default 90).")
    var messageRetentionDays: Int?

    @Option(name: .customLong("audience-retention-days"), help: "Days a subscriber list is kept after its last use (created, imported into, or used by a campaign since ended); then it is deleted with its members (env COVIZONE_AUDIENCE_RETENTION_DAYS, default 90).")
    var audienceRetentionDays: Int?

    func run() async throws {
        var configuration = ServerConfiguration()
        try store.apply(to: &configuration)
        configuration.host = try Setting.value(host, environment: "COVIZONE_HOST", default: configuration.host)
        configuration.port = try Setting.value(port, environment: "COVIZONE_PORT", default: configuration.port)
        configuration.demo = Setting.flag(demo, environment: "COVIZONE_DEMO")
        configuration.publicHost = try Setting.value(publicHost, environment: "COVIZONE_PUBLIC_HOST", default: configuration.publicHost)
        if let text = Setting.optional(metricsAddress, environment: "COVIZONE_METRICS_ADDRESS") {
            guard let address = ServerConfiguration.ListenAddress(text) else { throw ValidationError("metrics address must be HOST:PORT, e.g. 127.0.0.1:9090") }
            configuration.metricsAddress = address
        }
        let format = try Setting.value(logFormat, environment: "COVIZONE_LOG_FORMAT", default: "text")
        guard let logFormat = ServerConfiguration.LogFormat(rawValue: format) else {
            throw ValidationError("log format must be text or json, not \(format)")
        }
        configuration.logFormat = logFormat
        configuration.databaseConnectionsPerEventLoop = try Setting.value(
            databaseConnections, environment: "COVIZONE_DB_CONNECTIONS", default: configuration.databaseConnectionsPerEventLoop
        )
        configuration.auditRetentionDays = try Setting.value(
            auditRetentionDays, environment: "COVIZONE_AUDIT_RETENTION_DAYS", default: configuration.auditRetentionDays
        )
        configuration.insecureCookies = Setting.flag(insecureCookies, environment: "COVIZONE_INSECURE_COOKIES")
        configuration.logTextMessages = !Setting.flag(noTextMessageLog, environment: "COVIZONE_NO_TEXT_MESSAGE_LOG")
        configuration.visitRetentionDays = try Setting.value(
            visitRetentionDays, environment: "COVIZONE_VISIT_RETENTION_DAYS", default: configuration.visitRetentionDays
        )
        configuration.entryDeclarationRetentionDays = try Setting.value(
            entryDeclarationRetentionDays, environment: "COVIZONE_ENTRY_DECLARATION_RETENTION_DAYS",
            default: configuration.entryDeclarationRetentionDays
        )
        configuration.voluntaryDeclarationRetentionDays = try Setting.value(
            voluntaryDeclarationRetentionDays, environment: "COVIZONE_VOLUNTARY_DECLARATION_RETENTION_DAYS",
            default: configuration.voluntaryDeclarationRetentionDays
        )
        configuration.healthCaseRetentionDays = try Setting.value(
            healthCaseRetentionDays, environment: "COVIZONE_HEALTH_CASE_RETENTION_DAYS", default: configuration.healthCaseRetentionDays
        )
        configuration.outbreakBufferMinutes = try Setting.value(
            outbreakBufferMinutes, environment: "COVIZONE_OUTBREAK_BUFFER_MINUTES", default: configuration.outbreakBufferMinutes
        )
        configuration.safetyReminderHour = try Setting.value(
            safetyReminderHour, environment: "COVIZONE_SAFETY_REMINDER_HOUR", default: configuration.safetyReminderHour
        )
        configuration.reportingLockDays = try Setting.value(
            reportingLockDays, environment: "COVIZONE_REPORTING_LOCK_DAYS", default: configuration.reportingLockDays
        )
        if let mapping = Setting.optional(reportingCodeMapping, environment: "COVIZONE_REPORTING_CODE_MAPPING") {
            configuration.reportingCodeMapping = try ReportingCodeMapping.load(from: URL(fileURLWithPath: mapping))
        }
        if let stays = Setting.optional(venueStays, environment: "COVIZONE_VENUE_STAYS") {
            guard let parsed = ServerConfiguration.venueStays(stays) else {
                throw ValidationError("venue stays must be TYPE=MINUTES,… with types \(VenueType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            configuration.venueStayMinutes = parsed
        }
        try exposure.apply(to: &configuration)
        try messaging.apply(to: &configuration)
        try limits.apply(to: &configuration)
        try misinformation.apply(to: &configuration)
        configuration.messageRetentionDays = try Setting.value(
            messageRetentionDays, environment: "COVIZONE_MESSAGE_RETENTION_DAYS", default: configuration.messageRetentionDays
        )
        configuration.audienceRetentionDays = try Setting.value(
            audienceRetentionDays, environment: "COVIZONE_AUDIENCE_RETENTION_DAYS", default: configuration.audienceRetentionDays
        )
        let problems = configuration.problems()
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "; ")) }

        LoggingSetup.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let app = try await buildApplication(configuration: configuration) { message in
            FileHandle.standardOutput.write(Data("\n==== Covizone ====\n\(message)\n==================\n\n".utf8))
        }
        try await app.runService()
    }
}
