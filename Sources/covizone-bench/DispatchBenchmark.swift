import CampaignDispatch
import ArgumentParser
import CovizoneCore
import CovizoneServer
import CovizoneStore
import Foundation
import Logging
import Messaging
import SMPPTransport

/// A campaign round end to end: `count` recipients queued, claimed, segmented, submitted over
/// SMPP and settled by their receipts, by the same worker `serve` runs. The SMSC is the
/// in-process peer (the dispatcher's own capacity) or an SMSC at `--smsc-port` (the simulator).
struct DispatchBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dispatch", abstract: "Messages delivered per second, receipts recorded.")

    @Option(help: "Recipients of the round.") var count = 100_000
    @Option(help: "Outstanding requests per bind.") var window = 10
    @Option(help: "Binds to the SMSC.") var binds = 1
    @Option(name: .customLong("parts-per-second"), help: "Most parts a second on each bind (default: no limit but what the SMSC's throttling teaches).")
    var partsPerSecond: Double?
    @Option(name: .customLong("smsc-port"), help: "An SMSC on 127.0.0.1 to use instead of the in-process peer.") var smscPort: Int?
    @Option(name: .customLong("database-url"), help: "PostgreSQL to measure instead of a temporary SQLite file.") var databaseURL: String?

    func run() async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let (database, _, folder) = try await openBenchmarkStore(databaseURL: databaseURL)
        defer { try? FileManager.default.removeItem(at: folder) }
        let setupStarted = ContinuousClock.now
        let round = try await Self.scheduleRound(of: count, in: database)
        print("setup: \(count) recipients queued for a due round in \(String(format: "%.1f", (ContinuousClock.now - setupStarted).timeInterval)) s")

        let peer = smscPort == nil ? try await LoopbackSMSC.start() : nil
        var settings = MessagingSettings()
        settings.connections = [
            SMSCConnection(
                operator: "*", host: "127.0.0.1", port: smscPort ?? peer?.localAddress?.port ?? 0, systemId: "bench", password: "bench", binds: binds,
                window: window, partsPerSecond: partsPerSecond
            )
        ]
        settings.idleInterval = .milliseconds(10)
        let worker = try MessagingWorker(database: database, settings: settings, logger: logger)
        let running = Task { await worker.run() }
        let campaigns = CampaignRepository(database: database)
        let statistics = CampaignStatisticsRepository(database: database)
        let started = ContinuousClock.now
        // The round is done once every message left the queue (a look at one row); only then are
        // the messages counted, as counting them all the time would load the store it measures.
        while try await campaigns.rounds(campaignID: round.campaignID).first?.status != .done {
            try await Task.sleep(for: .milliseconds(20))
        }
        let submittedAt = ContinuousClock.now - started
        while true {
            let tallies = try await statistics.tallies(roundID: round.id)
            if tallies.filter({ [.delivered, .failed].contains($0.status) }).map(\.messages).reduce(0, +) == count { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let elapsed = ContinuousClock.now - started
        running.cancel()
        await running.value
        try await peer?.close()
        let peerName = smscPort == nil ? "in-process peer" : "SMSC at \(smscPort!)"
        print("submitted: \(count) in \(String(format: "%.3f", submittedAt.timeInterval)) s")
        report("dispatch (\(database.engine.rawValue), \(peerName), window \(window), binds \(binds)), delivered with receipts recorded", operations: count, elapsed: elapsed)
        try await database.shutdown()
    }

    /// A scheduled campaign whose first round is due, to `count` numbers in Hà Nội.
    static func scheduleRound(of count: Int, in database: Database) async throws -> CampaignRound {
        let now = Date()
        let audiences = AudienceRepository(database: database)
        let audienceID = try await audiences.create(name: "bench", provinceCode: nil, createdBy: "bench", at: now)
        for start in stride(from: 0, to: count, by: 50_000) {
            let members = (start..<min(start + 50_000, count)).map {
                AudienceMember(phone: "+849" + String(format: "%08d", $0), provinceCode: "01", operatorID: "vinaphone", group: "")
            }
            _ = try await audiences.add(members, to: audienceID)
        }
        let campaigns = CampaignRepository(database: database)
        let content = CampaignContent(
            name: "bench", channel: .sms, template: "{province}: hay cai dat Bluezone de duoc canh bao khi tiep xuc gan nguoi nhiem", withoutDiacritics: true,
            sender: "BoYTe", maximumParts: 1, audienceID: audienceID, segment: AudienceSegment(), schedule: CampaignSchedule(start: now - 60, quietHours: .none),
            httpTemplate: nil, provinceCode: nil
        )
        let id = try await campaigns.create(content, by: "author", at: now)
        _ = try await campaigns.move(id: id, from: .draft, to: .approved, by: "approver", at: now)
        _ = try await campaigns.move(id: id, from: .approved, to: .scheduled, by: "approver", at: now)
        guard let round = try await campaigns.rounds(campaignID: id).first else { throw ValidationError("no round planned") }
        return round
    }
}
