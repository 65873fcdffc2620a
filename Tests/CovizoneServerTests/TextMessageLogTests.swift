@testable import CovizoneServer
import CampaignDispatch
import CovizoneStore
import CovizoneTestSupport
import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing

@Suite("One-time codes and the log")
struct TextMessageLogTests {
    @Test("queued texts reach the log only in development: never once a gateway sends them, never in JSON logs at info")
    func onlyInDevelopment() {
        var development = ServerConfiguration()
        #expect(development.writesTextMessagesToLog)
        var withSMSC = development
        withSMSC.messaging.connections = [SMSCConnection(operator: "viettel", host: "127.0.0.1", port: 2775, systemId: "covizone", password: "secret")]
        #expect(!withSMSC.writesTextMessagesToLog)
        var withHTTP = development
        withHTTP.messaging.httpProviders = [HTTPProvider(name: "zalo", url: "https://example.invalid/send")]
        #expect(!withHTTP.writesTextMessagesToLog)
        var production = development
        production.logFormat = .json
        #expect(!production.writesTextMessagesToLog)
        production.logLevel = .debug
        #expect(production.writesTextMessagesToLog, "a JSON log at debug is a developer's")
        development.logTextMessages = false
        #expect(!development.writesTextMessagesToLog)
    }

    @Test("a server with an SMSC configured writes no one-time code to its log", arguments: TestEngine.available)
    func codeStaysOutOfTheLog(engine: TestEngine) async throws {
        let store = try await engine.makeStore()
        let database = try await store.open()
        let lines = NIOLockedValueBox<[String]>([])
        let logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
        for writesToLog in [false, true] {
            let outbox = TextMessageOutbox(messages: TextMessageRepository(database: database), logger: logger, writesToLog: writesToLog)
            try await outbox.enqueue("Ma xac nhan Covizone: 493817", to: "+84912345678", purpose: "household-code", at: Date())
        }
        try await database.shutdown()
        await store.remove()
        let written = lines.withLockedValue { $0 }
        #expect(written.count == 1 && written[0].contains("493817"), "written only by the outbox that may")
    }
}

extension TextMessageLogTests {
    @Test("an invitation's link, a secret valid for days, never reaches the log, even in development")
    func invitationStaysOutOfTheLog() async throws {
        let store = try await TestEngine.sqlite.makeStore()
        let database = try await store.open()
        let lines = NIOLockedValueBox<[String]>([])
        let logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
        let outbox = TextMessageOutbox(messages: TextMessageRepository(database: database), logger: logger, writesToLog: true)
        try await outbox.enqueue("Dat mat khau tai https://covizone.test/invitation#SECRETTOKEN", to: "+84912345678", purpose: "invitation", at: Date(), bodyInLog: false)
        let queued = try await TextMessageRepository(database: database).messages(to: "+84912345678", limit: 1)
        try await database.shutdown()
        await store.remove()
        let written = lines.withLockedValue { $0 }
        #expect(queued.first?.body.contains("SECRETTOKEN") == true, "the text itself carries the link")
        #expect(written.count == 1 && !written[0].contains("SECRETTOKEN") && written[0].contains("sms.purpose=invitation"))
    }
}

/// Keeps each log line with its metadata, for tests that read what was logged.
struct CapturingLogHandler: LogHandler {
    let lines: NIOLockedValueBox<[String]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).merging(metadata) { new, _ in new }.map { "\($0.key)=\($0.value)" }.sorted()
        lines.withLockedValue { $0.append(([event.message.description] + fields).joined(separator: " ")) }
    }
}
