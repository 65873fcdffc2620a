import CovizoneCore
import CovizoneStore
import Foundation
import Logging
import Messaging
import NIOConcurrencyHelpers
import SMPPTransport

/// Moves messages from the outbound queue to the SMSCs and records what became of them. Each
/// cycle claims as many messages per connection as it has room for (single texts first; campaign
/// rounds only outside their quiet hours and while not paused) and submits their parts; the
/// outcomes are written in batches, and the upkeep closes the rounds whose messages all left the
/// queue. Due rounds are queued by ``queueDueRounds()``, receipts and MO messages (opt-outs)
/// arrive through ``deliver(_:from:)``.
public final class OutboundDispatcher: Sendable {
    let database: Database
    let settings: MessagingSettings
    let divisions: AdministrativeDivisions
    let clock: WallClock
    let gateway: SMSGateway
    let owner: String
    let logger: Logger
    let state = NIOLockedValueBox(State())
    let texts = SMSMessageCache()
    let flushing = AsyncLock()

    struct State {
        var inFlight: [String: Int] = [:]
        var results: [(message: OutboundMessage, smsc: String, result: SubmissionResult)] = []
        /// Responses that came after their parts had timed out, written after the results.
        var lateAnswers: [(messageID: Int64, smsc: String, answer: LateAnswer)] = []
        /// When the last flush that completed began: every submission answered before then is
        /// recorded. A submission's answer comes before its receipt on the same connection, so a
        /// receipt held since before then belongs to no submission of this dispatcher still to be
        /// recorded: it settles a message a stopped dispatcher left unconfirmed, found by phone.
        var recordedBefore = Date()
        /// When the upkeep last ran, and the rounds it found sending.
        var lastUpkeep = Date.distantPast
        /// When this dispatcher's claims were last renewed (every half lease).
        var lastRenewal = Date.distantPast
        var sendingRounds: [SendingRound] = []
        /// Routes whose last claim found fewer messages than it had room for: messages join the
        /// queue through the upkeep, so they claim again after the next one.
        var drainedRoutes: Set<String> = []
        /// Receipts and MO messages not yet recorded.
        var deliveries: [(delivery: SMPPDelivery, route: SMSGateway.Route)] = []
    }

    /// Rung when deliveries arrive.
    let doorbell = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    /// Rung when messages are answered (their outcomes wait to be written).
    let outcomesBell = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))

    public init(database: Database, settings: MessagingSettings, divisions: AdministrativeDivisions, clock: WallClock, gateway: SMSGateway, logger: Logger) {
        self.database = database
        self.settings = settings
        self.divisions = divisions
        self.clock = clock
        self.gateway = gateway
        self.logger = logger
        owner = "dispatcher-" + UUID().uuidString.prefix(8).lowercased()
    }

    var queue: OutboundQueueRepository { OutboundQueueRepository(database: database) }
    var campaigns: CampaignRepository { CampaignRepository(database: database) }

    /// One step by hand (tests step the dispatcher this way): the rounds now due queued, then a
    /// cycle. Returns how many messages it claimed.
    @discardableResult
    public func dispatchOnce() async throws -> Int {
        try await queueDueRounds()
        return try await cycle()
    }

    /// One cycle; returns how many messages it claimed. The upkeep (single texts fed in, stopped
    /// dispatchers' claims released, held receipts, finished rounds, the rounds allowed to send)
    /// runs at most five times a second. A connection claims messages once half its capacity is
    /// free, so that its binds keep a window's worth waiting while the next claim is made, and
    /// claims come in batches rather than one message at a time.
    func cycle() async throws -> Int {
        let upkeepDue = state.withLockedValue { state in
            guard Date().timeIntervalSince(state.lastUpkeep) >= Self.upkeepInterval else { return false }
            state.lastUpkeep = Date()
            return true
        }
        if upkeepDue { try await upkeep(at: clock.now) }
        let now = clock.now
        let sendable = sendableRounds(at: now)
        var claimed = try await claimHTTP(sendable, at: now)
        let rounds = sendable.map(\.roundID)
        for (route, operators) in gateway.operatorsByRoute {
            let (room, drained) = state.withLockedValue { (route.capacity - $0.inFlight[route.name, default: 0], $0.drainedRoutes.contains(route.name)) }
            guard room * 2 >= route.capacity, !drained else { continue }
            let messages = try await queue.claim(
                operators: operators, rounds: rounds, limit: room, owner: owner, leaseEnds: now + settings.claimLease.timeInterval, at: now
            )
            if messages.count < room { state.withLockedValue { _ = $0.drainedRoutes.insert(route.name) } }
            for message in messages { submit(message, via: route) }
            claimed += messages.count
        }
        return claimed
    }

    static let upkeepInterval: TimeInterval = 0.2
    /// A single text whose fate is unknown is sent again while it is this young (a one-time code
    /// lives 10 minutes); older, a second copy would come too late to help.
    static let textRetryWindow: TimeInterval = 600

    private func upkeep(at now: Date) async throws {
        try await SingleTextFeed(database: database).feed(sender: settings.sender, at: now)
        let lease = settings.claimLease.timeInterval
        let renewalDue = state.withLockedValue { state in
            guard now.timeIntervalSince(state.lastRenewal) >= lease / 2 else { return false }
            state.lastRenewal = now
            return true
        }
        // Renewed before abandoned claims are released: this dispatcher's own are never among them.
        if renewalDue { try await queue.renewClaims(owner: owner, until: now + lease, at: now) }
        try await queue.releaseAbandonedClaims(at: now)
        try await queue.retryUnconfirmedTexts(since: now - Self.textRetryWindow, at: now)
        try await settleUnmatchedReceipts()
        _ = try await campaigns.finishSentRounds(at: now)
        let rounds = try await campaigns.sendingRounds()
        state.withLockedValue { state in
            state.sendingRounds = rounds
            state.drainedRoutes = []
        }
    }

    /// The rounds allowed to send now (read at the last upkeep), outside their quiet hours.
    private func sendableRounds(at now: Date) -> [SendingRound] {
        state.withLockedValue { $0.sendingRounds }.filter { !$0.schedule.quietHours.contains(now) }
    }

    /// Messages submitted and not yet answered, on every connection.
    var inFlightCount: Int { state.withLockedValue { $0.inFlight.values.reduce(0, +) } }

    /// Whether rounds were sending at the last upkeep or messages are out.
    var isBusy: Bool { state.withLockedValue { !$0.sendingRounds.isEmpty || $0.inFlight.values.contains { $0 > 0 } } }
}
