import CovizoneCore
import CovizoneStore
import Foundation
import Logging
import Messaging
import SMPPTransport

/// Moves messages from the outbound queue to the SMSCs and records what became of them. Each
/// cycle claims as many messages per connection as it has room for (single texts first; campaign
/// rounds only outside their quiet hours and while not paused) and hands them to the
/// ``MessageSender``. The answers are written in batches by the ``OutcomeRecorder``, receipts and
/// MO messages (opt-outs) by the ``DeliveryRecorder``, and the ``RoundUpkeep`` queues due rounds
/// and closes those whose messages all left the queue.
public final class OutboundDispatcher: Sendable {
    let database: Database
    private let settings: MessagingSettings
    private let clock: WallClock
    private let gateway: SMSGateway
    /// Who holds this dispatcher's claims in the queue.
    private let owner: String
    private let queue: OutboundQueueRepository
    private let outcomes: OutcomeRecorder
    private let sender: MessageSender
    private let deliveries: DeliveryRecorder
    private let upkeep: RoundUpkeep

    /// `incoming` answers the questions and tips phones send (nil: they are ignored).
    public init(
        database: Database, settings: MessagingSettings, divisions: AdministrativeDivisions, clock: WallClock, gateway: SMSGateway,
        incoming: (any IncomingTextHandler)? = nil, logger: Logger
    ) {
        let owner = "dispatcher-" + UUID().uuidString.prefix(8).lowercased()
        let queue = OutboundQueueRepository(database: database)
        let outcomes = OutcomeRecorder(queue: queue, clock: clock, logger: logger)
        self.database = database
        self.settings = settings
        self.clock = clock
        self.gateway = gateway
        self.owner = owner
        self.queue = queue
        self.outcomes = outcomes
        sender = MessageSender(outcomes: outcomes, divisions: divisions)
        deliveries = DeliveryRecorder(
            queue: queue, optOuts: OptOutRepository(database: database), outcomes: outcomes, sender: settings.sender, keywords: settings.keywords,
            handler: incoming, clock: clock, logger: logger
        )
        upkeep = RoundUpkeep(database: database, outcomes: outcomes, settings: settings, divisions: divisions, clock: clock, owner: owner, logger: logger)
    }

    /// One step by hand (tests step the dispatcher this way): the rounds now due queued, then a
    /// cycle. Returns how many messages it claimed.
    @discardableResult
    public func dispatchOnce() async throws -> Int {
        try await queueDueRounds()
        return try await cycle()
    }

    /// One cycle; returns how many messages it claimed. A connection claims messages once half
    /// its capacity is free, so that its binds keep a window's worth waiting while the next claim
    /// is made, and claims come in batches rather than one message at a time.
    func cycle() async throws -> Int {
        try await upkeep.runIfDue()
        let now = clock.now
        let sendable = upkeep.sendableRounds(at: now)
        var claimed = try await claimHTTP(sendable, at: now)
        let rounds = sendable.map(\.roundID)
        for (route, operators) in gateway.operatorsByRoute {
            let room = sender.room(on: route.name, capacity: route.capacity)
            guard room * 2 >= route.capacity, !upkeep.isDrained(route.name) else { continue }
            let messages = try await queue.claim(
                operators: operators, rounds: rounds, limit: room, owner: owner, leaseEnds: now + settings.claimLease.timeInterval, at: now
            )
            if messages.count < room { upkeep.markDrained(route.name) }
            for message in messages { sender.submit(message, via: route) }
            claimed += messages.count
        }
        return claimed
    }

    /// Claims messages of HTTP campaigns for the first HTTP provider, as many as it takes at once,
    /// and sends them; returns how many it claimed.
    private func claimHTTP(_ rounds: [SendingRound], at now: Date) async throws -> Int {
        guard let provider = settings.httpProviders.first else { return 0 }
        let templates = Dictionary(rounds.compactMap { round in round.httpTemplate.map { (round.roundID, $0) } }) { first, _ in first }
        guard !templates.isEmpty else { return 0 }
        let messages = try await queue.claim(
            channel: .http, operators: nil, rounds: Array(templates.keys), limit: sender.room(on: provider.smscName, capacity: provider.concurrency ?? 20),
            owner: owner, leaseEnds: now + settings.claimLease.timeInterval, at: now
        )
        sender.send(messages, to: provider, templates: templates)
        return messages.count
    }

    /// Queues the messages of every round now due (see ``RoundUpkeep/queueDueRounds()``).
    func queueDueRounds() async throws { try await upkeep.queueDueRounds() }

    /// Writes the answers gathered so far (see ``OutcomeRecorder/flush()``).
    public func flush() async throws { try await outcomes.flush() }

    /// Writes answers as they come, until cancelled.
    func recordOutcomes() async { await outcomes.run() }

    /// A receipt or an MO message from an SMSC, recorded with the others that came meanwhile.
    public func deliver(_ delivery: SMPPDelivery, from route: SMSGateway.Route) { deliveries.deliver(delivery, from: route) }

    /// Records receipts and MO messages as they come, until cancelled.
    public func processDeliveries() async { await deliveries.run() }

    /// Messages sent and not yet answered, on every connection.
    var inFlightCount: Int { sender.count }

    /// Whether rounds were sending at the last upkeep or messages are out.
    var isBusy: Bool { upkeep.hasSendingRounds || sender.count > 0 }

    /// How often the upkeep runs at most (and the worker looks for due rounds while busy).
    static let upkeepInterval = RoundUpkeep.interval
}
