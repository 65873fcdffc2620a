import CampaignDispatch
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import Logging
import Messaging
import Testing

/// The campaign engine on its own: a store, the dispatcher and a real SMSC, no HTTP server.
@Suite("Campaign engine without the server", .enabled(if: SMSCSimulator.isAvailable, "needs the SMSC simulator (scripts/test installs it)"))
struct RoundDispatchTests {
    @Test("a due round reaches each recipient once, its receipts settle it, and it is done", arguments: TestEngine.available)
    func dueRound(engine: TestEngine) async throws {
        let smsc = try await SMSCSimulator.start()
        defer { smsc.stop() }
        try await withStore(engine) { store in
            let database = try await Database.open(store.location, connectionsPerEventLoop: 1, logger: Logger(label: "test"))
            try await Migrator().migrate(database, logger: Logger(label: "test"))
            let phones = (0..<40).map { "+8491" + String(format: "%07d", $0) }
            let round = try await Self.dueRound(to: phones, in: database)
            let divisions = try AdministrativeDivisions.bundled()
            try await withDispatcher(database: database, settings: MessagingSettings(), divisions: divisions, clock: .system, smsc: smsc) { dispatcher in
                let statistics = CampaignStatisticsRepository(database: database)
                try await waitUntil("every recipient delivered", seconds: 60) {
                    try await dispatcher.dispatchOnce()
                    try await dispatcher.flush()
                    let tallies = try await statistics.tallies(roundID: round.id)
                    return tallies.filter { $0.status == .delivered }.map(\.messages).reduce(0, +) == phones.count
                }
                try await waitUntil("the round done") {
                    try await dispatcher.dispatchOnce()
                    return try await CampaignRepository(database: database).rounds(campaignID: round.campaignID).first?.status == .done
                }
            }
            let received = try await smsc.received()
            #expect(received.map(\.destination).sorted() == phones.map { String($0.dropFirst()) }.sorted(), "each recipient once")
            #expect(received.allSatisfy { String(decoding: $0.shortMessageBytes, as: UTF8.self).hasSuffix("Ha Noi: cai Bluezone") }, "the province named, without diacritics")
            try await database.shutdown()
        }
    }

    /// An approved, scheduled campaign to `phones` in Hà Nội whose first round is due.
    static func dueRound(to phones: [String], in database: Database) async throws -> CampaignRound {
        let now = Date()
        let audiences = AudienceRepository(database: database)
        let audienceID = try await audiences.create(name: "Hà Nội", provinceCode: "01", createdBy: "officer", at: now)
        _ = try await audiences.add(phones.map { AudienceMember(phone: $0, provinceCode: "01", operatorID: "viettel", group: "") }, to: audienceID)
        let campaigns = CampaignRepository(database: database)
        let content = CampaignContent(
            name: "Bluezone", channel: .sms, template: "{province}: cai Bluezone", withoutDiacritics: true, sender: "BoYTe", maximumParts: 1,
            audienceID: audienceID, segment: AudienceSegment(), schedule: CampaignSchedule(start: now - 60, quietHours: .none), httpTemplate: nil,
            provinceCode: "01"
        )
        let id = try await campaigns.create(content, by: "author", at: now)
        _ = try await campaigns.move(id: id, from: .draft, to: .approved, by: "approver", at: now)
        _ = try await campaigns.move(id: id, from: .approved, to: .scheduled, by: "approver", at: now)
        return try #require(try await campaigns.rounds(campaignID: id).first)
    }
}
