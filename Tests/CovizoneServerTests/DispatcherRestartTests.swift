import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import Logging
import Messaging
import Testing

/// The dispatcher of a real `covizone serve` is killed (SIGKILL) in the middle of a round and
/// started again: no recipient is lost and nobody gets a second copy.
@Suite(
    "A killed dispatcher", .enabled(if: CovizoneExecutable.url != nil, "needs the built covizone executable"),
    .enabled(if: SMSCSimulator.isAvailable, "needs the SMSC simulator (scripts/test installs it)")
)
struct DispatcherRestartTests {
    static let recipients = 600
    /// Slow enough that the round is far from its end when the kill comes, even on a loaded CI
    /// machine whose test task is not scheduled for seconds (600 parts take 12 s).
    static let partsPerSecond = 50
    /// What a dispatcher holds at once with one bind and a window of 10: the window and the
    /// reserve behind it.
    static let inFlightAtKill = 10 + 32

    @Test("loses and duplicates nothing when started again", arguments: TestEngine.available)
    func killAndRestart(engine: TestEngine) async throws {
        let smsc = try await SMSCSimulator.start()
        defer { smsc.stop() }
        try await withStore(engine) { store in
            let database = try await Database.open(store.location, connectionsPerEventLoop: 1, logger: Logger(label: "test"))
            try await Migrator().migrate(database, logger: Logger(label: "test"))
            let roundID = try await Self.scheduleRound(in: database)
            let config = store.dataDirectory + "/messaging.json"
            try FileManager.default.createDirectory(atPath: store.dataDirectory, withIntermediateDirectories: true)
            let connections = #"{"connections": [{"operator": "*", "host": "127.0.0.1", "port": \#(smsc.smppPort), "systemId": "covizone", "password": "secret", "window": 10, "partsPerSecond": \#(Self.partsPerSecond)}]}"#
            try Data(connections.utf8).write(to: URL(fileURLWithPath: config))
            var arguments = ["serve", "--data", store.dataDirectory, "--port", "0", "--password-hash-cost", "4", "--messaging-config", config, "--sms-claim-lease", "1s", "--log-level", "warning"]
            if let url = store.databaseURL { arguments += ["--database-url", url] }

            let first = try Self.launch(arguments)
            try await waitUntil("the round under way", seconds: 60) { try await smsc.stats()["submits", default: 0] >= Self.partsPerSecond }
            kill(first.processIdentifier, SIGKILL)
            first.waitUntilExit()
            let atKill = try await smsc.stats()["submits", default: 0]
            #expect(atKill < Self.recipients, "killed in the middle of the round")

            let second = try Self.launch(arguments)
            defer { second.terminate(); second.waitUntilExit() }
            let statistics = CampaignStatisticsRepository(database: database)
            // Settled: nothing left queued or being sent, the round done, and the receipts recorded
            // but for those of the parts in flight at the kill (the SMSC sends those again later).
            try await waitUntil("the round settled after the restart", seconds: 180) {
                let tallies = try await statistics.tallies(roundID: roundID)
                let open = tallies.filter { [.queued, .sending].contains($0.status) }.map(\.messages).reduce(0, +)
                let receiptsSent = try await smsc.stats()["receipts", default: 0]
                let delivered = tallies.filter { $0.status == .delivered }.map(\.messages).reduce(0, +)
                let roundDone = try await CampaignRepository(database: database).rounds(campaignID: 1).first?.status == .done
                return open == 0 && roundDone && delivered >= receiptsSent - Self.inFlightAtKill
            }
            let received = try await smsc.received()
            let copies = Dictionary(grouping: received, by: \.destination).mapValues(\.count)
            #expect(copies.values.allSatisfy { $0 == 1 }, "nobody got a second copy")
            let queue = OutboundQueueRepository(database: database)
            var notSent = 0
            var gotButUnsettled = 0
            for index in 0..<Self.recipients {
                let phone = Self.phone(index)
                let message = try #require(try await queue.messages(to: phone).first)
                if copies[String(phone.dropFirst())] == nil {
                    #expect(message.status == .unconfirmed && message.reason?.contains("not sent again") == true, "\(phone): \(message.status)")
                    notSent += 1
                } else if message.status != .delivered {
                    // The SMSC got it; its receipt went to the killed process and comes again only
                    // once the SMSC gives up waiting for its answer.
                    #expect([.unconfirmed, .submitted].contains(message.status), "\(phone): \(message.status)")
                    gotButUnsettled += 1
                }
            }
            #expect(notSent <= Self.inFlightAtKill, "at most what one dispatcher holds at once is left unsent")
            #expect(gotButUnsettled <= Self.inFlightAtKill, "at most the parts in flight at the kill wait for a receipt")
            try await database.shutdown()
        }
    }

    static func phone(_ index: Int) -> String { "+8491" + String(format: "%07d", index) }

    /// A scheduled campaign whose first round is due, to `recipients` VinaPhone numbers.
    static func scheduleRound(in database: Database) async throws -> Int64 {
        let now = Date()
        let audiences = AudienceRepository(database: database)
        let audienceID = try await audiences.create(name: "Hà Nội", provinceCode: nil, createdBy: "officer", at: now)
        let members = (0..<recipients).map { AudienceMember(phone: phone($0), provinceCode: "01", operatorID: "vinaphone", group: "") }
        _ = try await audiences.add(members, to: audienceID)
        let campaigns = CampaignRepository(database: database)
        let content = CampaignContent(
            name: "Bluezone", channel: .sms, template: "{province}: hay cai Bluezone", withoutDiacritics: true, sender: "BoYTe", maximumParts: 1,
            audienceID: audienceID, segment: AudienceSegment(), schedule: CampaignSchedule(start: now - 60, quietHours: .none), httpTemplate: nil,
            provinceCode: nil
        )
        let id = try await campaigns.create(content, by: "author", at: now)
        _ = try await campaigns.move(id: id, from: .draft, to: .approved, by: "approver", at: now)
        _ = try await campaigns.move(id: id, from: .approved, to: .scheduled, by: "approver", at: now)
        return try #require(try await campaigns.rounds(campaignID: id).first?.id)
    }

    static func launch(_ arguments: [String]) throws -> Process {
        let process = CovizoneExecutable.process(arguments)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }
}
