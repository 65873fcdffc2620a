import CovizoneStore
import Foundation

/// Rounds: a campaign round is queued when it falls due.
extension OutboundDispatcher {
    /// Queues the messages of every round now due, one transaction a round. The worker runs it on
    /// a task of its own: a round of millions takes a while, and on PostgreSQL single texts are
    /// fed and sent meanwhile (SQLite has one writer at a time, so there they wait for it).
    func queueDueRounds() async throws {
        let now = clock.now
        let messages = CampaignMessages(divisions: divisions)
        for round in try await campaigns.dueRounds(at: now) {
            guard let campaign = try await campaigns.campaign(id: round.campaignID) else { continue }
            let reach = try await AudienceRepository(database: database).reach(
                audienceID: campaign.content.audienceID, segment: campaign.content.segment
            )
            let bodies = try messages.bodies(campaign.content, provinceCodes: Set(reach.map(\.provinceCode)))
            if try await campaigns.queue(round: round, campaign: campaign, bodies: bodies, at: now) {
                logger.info("campaign round queued", metadata: ["campaign": "\(campaign.id)", "round": "\(round.number)"])
                // The next cycle's upkeep reads it among the rounds sending, without waiting its turn.
                state.withLockedValue { $0.lastUpkeep = .distantPast }
            }
        }
    }
}
