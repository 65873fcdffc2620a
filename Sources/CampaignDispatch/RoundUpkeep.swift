import CovizoneCore
import CovizoneStore
import Foundation
import Logging
import Messaging
import NIOConcurrencyHelpers

/// The dispatcher's upkeep, at most five times a second: single texts fed into the queue, its
/// claims renewed and stopped dispatchers' released, unconfirmed texts sent again, held receipts
/// settled, finished rounds closed, and the rounds allowed to send read. It also queues rounds
/// as they fall due, and remembers which routes found the queue drained since the last upkeep.
final class RoundUpkeep: Sendable {
    private struct Memory {
        var lastUpkeep = Date.distantPast
        /// When this dispatcher's claims were last renewed (every half lease).
        var lastRenewal = Date.distantPast
        var sendingRounds: [SendingRound] = []
        /// Routes whose last claim found fewer messages than it had room for: messages join the
        /// queue through the upkeep, so they claim again after the next one.
        var drainedRoutes: Set<String> = []
    }

    static let interval: TimeInterval = 0.2
    /// A single text whose fate is unknown is sent again while it is this young (a one-time code
    /// lives 10 minutes); older, a second copy would come too late to help.
    static let textRetryWindow: TimeInterval = 600

    private let database: Database
    private let queue: OutboundQueueRepository
    private let campaigns: CampaignRepository
    private let outcomes: OutcomeRecorder
    private let settings: MessagingSettings
    private let messages: CampaignMessages
    private let clock: WallClock
    private let owner: String
    private let logger: Logger
    private let memory = NIOLockedValueBox(Memory())

    init(
        database: Database, outcomes: OutcomeRecorder, settings: MessagingSettings, divisions: AdministrativeDivisions, clock: WallClock, owner: String,
        logger: Logger
    ) {
        self.database = database
        queue = OutboundQueueRepository(database: database)
        campaigns = CampaignRepository(database: database)
        self.outcomes = outcomes
        self.settings = settings
        messages = CampaignMessages(divisions: divisions)
        self.clock = clock
        self.owner = owner
        self.logger = logger
    }

    /// Runs the upkeep when ``interval`` has passed since the last.
    func runIfDue() async throws {
        let due = memory.withLockedValue { memory in
            guard Date().timeIntervalSince(memory.lastUpkeep) >= Self.interval else { return false }
            memory.lastUpkeep = Date()
            return true
        }
        if due { try await run(at: clock.now) }
    }

    /// The rounds allowed to send now (read at the last upkeep), outside their quiet hours.
    func sendableRounds(at now: Date) -> [SendingRound] {
        memory.withLockedValue { $0.sendingRounds }.filter { !$0.schedule.quietHours.contains(now) }
    }

    /// Whether rounds were sending at the last upkeep.
    var hasSendingRounds: Bool { memory.withLockedValue { !$0.sendingRounds.isEmpty } }

    func isDrained(_ route: String) -> Bool { memory.withLockedValue { $0.drainedRoutes.contains(route) } }

    func markDrained(_ route: String) { memory.withLockedValue { _ = $0.drainedRoutes.insert(route) } }

    /// Queues the messages of every round now due, one transaction a round. A round of millions
    /// takes a while: the worker runs it on a task of its own, and on PostgreSQL single texts are
    /// fed and sent meanwhile (SQLite has one writer at a time, so there they wait for it).
    func queueDueRounds() async throws {
        let now = clock.now
        for round in try await campaigns.dueRounds(at: now) {
            guard let campaign = try await campaigns.campaign(id: round.campaignID) else { continue }
            let reach = try await AudienceRepository(database: database).reach(audienceID: campaign.content.audienceID, segment: campaign.content.segment)
            let bodies = try messages.bodies(campaign.content, provinceCodes: Set(reach.map(\.provinceCode)))
            if try await campaigns.queue(round: round, campaign: campaign, bodies: bodies, at: now) {
                logger.info("campaign round queued", metadata: ["campaign": "\(campaign.id)", "round": "\(round.number)"])
                // The next cycle's upkeep reads it among the rounds sending, without waiting its turn.
                memory.withLockedValue { $0.lastUpkeep = .distantPast }
            }
        }
    }

    private func run(at now: Date) async throws {
        try await SingleTextFeed(database: database).feed(sender: settings.sender, at: now)
        let lease = settings.claimLease.timeInterval
        let renewalDue = memory.withLockedValue { memory in
            guard now.timeIntervalSince(memory.lastRenewal) >= lease / 2 else { return false }
            memory.lastRenewal = now
            return true
        }
        // Renewed before abandoned claims are released: this dispatcher's own are never among them.
        if renewalDue { try await queue.renewClaims(owner: owner, until: now + lease, at: now) }
        try await queue.releaseAbandonedClaims(at: now)
        try await queue.retryUnconfirmedTexts(since: now - Self.textRetryWindow, at: now)
        try await settleUnmatchedReceipts()
        _ = try await campaigns.finishSentRounds(at: now)
        let rounds = try await campaigns.sendingRounds()
        memory.withLockedValue { memory in
            memory.sendingRounds = rounds
            memory.drainedRoutes = []
        }
    }

    /// Settles the receipts held since before every answer was written: they belong to no
    /// submission of this dispatcher still to be recorded, and find their message by phone.
    private func settleUnmatchedReceipts() async throws {
        // A flush (nothing to write, when all is written) moves the cutoff on: answers are written
        // only as they come, and a receipt held after the last of them would wait for ever.
        try await outcomes.flush()
        try await queue.applyHeldReceipts(settledBefore: outcomes.recordedBefore, at: clock.now)
    }
}
