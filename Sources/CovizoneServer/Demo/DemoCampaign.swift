import CampaignDispatch
import CovizoneCore
import CovizoneStore
import Foundation
import Logging
import Messaging
import NIOCore

/// The demo's campaign: `demo-province` imports Hà Nội's subscriber list and writes a campaign
/// on it, `demo-ministry` approves it, and its round goes out over SMPP to the in-process SMSC
/// through the same dispatcher the server runs, its clock in the morning of the day it is sent.
struct DemoCampaign: Sendable {
    static let subscribers = 300
    static let operatorPrefixes = ["98", "90", "91"]

    let audiences: AudienceService
    let campaigns: CampaignService
    let database: Database
    let messaging: MessagingSettings
    let divisions: AdministrativeDivisions
    let actors: DemoActors
    let time: DemoTime
    let logger: Logger

    /// Builds the list and the campaign on `day` and sends its round at 09:30.
    func send(on day: Int) async throws {
        time.set(day: day, hour: 9)
        let audience = try await audiences.create(name: "Thuê bao Hà Nội", provinceCode: "01", by: actors.province)
        let rows = (0..<Self.subscribers).map { index in
            "+84\(Self.operatorPrefixes[index % 3])100\(String(format: "%04d", index)),01\(index % 5 == 0 ? ",,elderly" : "")"
        }
        let csv = AsyncStream<ByteBuffer> { continuation in
            continuation.yield(ByteBuffer(string: "msisdn,province,operator,group\n" + rows.joined(separator: "\n") + "\n"))
            continuation.finish()
        }
        _ = try await audiences.importMembers(csv, into: audience, by: actors.province, caller: actors.caller(actors.province))
        let content = CampaignContent(
            name: "Tiêm nhắc lại vắc xin", channel: .sms,
            template: "So Y te Ha Noi: tiem nhac lai vac xin COVID-19 mien phi tai tram y te phuong, 8h-17h. Mang theo CCCD. Hoi dap: 1900 9095.",
            withoutDiacritics: true, sender: "SoYTeHN", maximumParts: 2, audienceID: audience.id, segment: AudienceSegment(),
            schedule: CampaignSchedule(start: time.now + 1800), httpTemplate: nil, provinceCode: "01"
        )
        try await campaigns.check(content, for: actors.province)
        let campaign = try await campaigns.create(content, by: actors.province)
        time.set(day: day, hour: 9, minute: 10)
        _ = try await campaigns.take(.approve, on: campaign.id, by: actors.ministry, caller: actors.caller(actors.ministry))
        _ = try await campaigns.take(.schedule, on: campaign.id, by: actors.province, caller: actors.caller(actors.province))
        time.set(day: day, hour: 9, minute: 30)
        try await dispatch(campaign)
    }

    /// Runs a dispatcher on the demo clock until the campaign's round went out and every receipt
    /// came back; the clock moves 20 seconds a cycle, so that the round takes a few minutes.
    private func dispatch(_ campaign: CampaignRecord) async throws {
        let gateway = SMSGateway(connections: messaging.connections, logger: logger)
        let dispatcher = OutboundDispatcher(database: database, settings: messaging, divisions: divisions, clock: time.clock, gateway: gateway, logger: logger)
        let running = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { await gateway.run { delivery, route in dispatcher.deliver(delivery, from: route) } }
                group.addTask { await dispatcher.processDeliveries() }
            }
        }
        defer { running.cancel() }
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if gateway.routes.allSatisfy({ $0.client.boundCount > 0 }) {
                _ = try await dispatcher.dispatchOnce()
                try await dispatcher.flush()
                if let latest = try await campaigns.latestFigures(of: campaign), latest.round.status == .done, latest.statistics.total.pending == 0 {
                    running.cancel()
                    await running.value
                    return
                }
                time.set(time.now + 20)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DemoError.roundNotSent
    }
}
