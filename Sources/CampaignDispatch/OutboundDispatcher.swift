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
    private let database: Database
    private let settings: MessagingSettings
    private let divisions: AdministrativeDivisions
    private let clock: WallClock
    private let gateway: SMSGateway
    private let owner: String
    private let logger: Logger
    private let state = NIOLockedValueBox(State())
    private let texts = SMSMessageCache()
    private let flushing = AsyncLock()

    private struct State {
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
    private let doorbell = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    /// Rung when messages are answered (their outcomes wait to be written).
    private let outcomesBell = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))

    public init(database: Database, settings: MessagingSettings, divisions: AdministrativeDivisions, clock: WallClock, gateway: SMSGateway, logger: Logger) {
        self.database = database
        self.settings = settings
        self.divisions = divisions
        self.clock = clock
        self.gateway = gateway
        self.logger = logger
        owner = "dispatcher-" + UUID().uuidString.prefix(8).lowercased()
    }

    private var queue: OutboundQueueRepository { OutboundQueueRepository(database: database) }
    private var campaigns: CampaignRepository { CampaignRepository(database: database) }

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
                operators: operators, rounds: rounds, limit: room, owner: owner, leaseEnds: now + settings.claimLease.seconds, at: now
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
        let lease = settings.claimLease.seconds
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

    /// Claims and sends messages of HTTP campaigns through the first HTTP provider, as many at once
    /// as it allows; returns how many it claimed.
    private func claimHTTP(_ rounds: [SendingRound], at now: Date) async throws -> Int {
        guard let provider = settings.httpProviders.first else { return 0 }
        let templates = Dictionary(rounds.compactMap { round in round.httpTemplate.map { (round.roundID, $0) } }) { first, _ in first }
        guard !templates.isEmpty else { return 0 }
        let room = (provider.concurrency ?? 20) - state.withLockedValue { $0.inFlight[provider.smscName, default: 0] }
        let messages = try await queue.claim(
            channel: "http", operators: nil, rounds: Array(templates.keys), limit: room, owner: owner, leaseEnds: now + settings.claimLease.seconds, at: now
        )
        let sender = HTTPNotificationSender(provider: provider, client: .shared)
        for message in messages {
            state.withLockedValue { $0.inFlight[provider.smscName, default: 0] += 1 }
            let province = message.provinceCode.flatMap { divisions.province(code: $0)?.name } ?? ""
            let template = message.roundID.flatMap { templates[$0] } ?? ""
            Task {
                let result = await sender.send(message, templateID: template, params: ["province": province])
                state.withLockedValue { state in
                    state.inFlight[provider.smscName, default: 1] -= 1
                    state.results.append((message, provider.smscName, result))
                }
                outcomesBell.continuation.yield()
            }
        }
        return messages.count
    }

    /// Writes the outcomes gathered since the last flush, once the flush under way (if any) has
    /// committed: a receipt recorded after a flush finds every part answered before it.
    public func flush() async throws {
        await flushing.acquire()
        do {
            try await flushGathered()
            await flushing.release()
        } catch {
            await flushing.release()
            throw error
        }
    }

    private func flushGathered() async throws {
        // Taken before the results: an answer added after the snapshot came after `started`.
        let started = Date()
        let (results, lateAnswers) = state.withLockedValue { state in
            defer { (state.results, state.lateAnswers) = ([], []) }
            return (state.results, state.lateAnswers)
        }
        guard !results.isEmpty || !lateAnswers.isEmpty else {
            state.withLockedValue { $0.recordedBefore = started }
            return
        }
        do {
            try await queue.record(results, at: clock.now)
            try await queue.recordLateAnswers(lateAnswers, at: clock.now)
            state.withLockedValue { $0.recordedBefore = started }
        } catch {
            state.withLockedValue { ($0.results, $0.lateAnswers) = (results + $0.results, lateAnswers + $0.lateAnswers) }
            throw error
        }
    }

    /// Writes outcomes as messages are answered (those answered meanwhile together), until
    /// cancelled. On a failure they wait a second and are tried again.
    func recordOutcomes() async {
        for await _ in outcomesBell.stream {
            do {
                try await flush()
            } catch {
                if Task.isCancelled { return }
                logger.error("could not record what the SMSC answered", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
                outcomesBell.continuation.yield()
            }
        }
    }

    /// Messages submitted and not yet answered, on every connection.
    var inFlightCount: Int { state.withLockedValue { $0.inFlight.values.reduce(0, +) } }

    /// Whether rounds were sending at the last upkeep or messages are out.
    var isBusy: Bool { state.withLockedValue { !$0.sendingRounds.isEmpty || $0.inFlight.values.contains { $0 > 0 } } }

    /// A receipt or an MO message from an SMSC: recorded by ``processDeliveries()`` with the
    /// others that came meanwhile, then answered.
    public func deliver(_ delivery: SMPPDelivery, from route: SMSGateway.Route) {
        state.withLockedValue { $0.deliveries.append((delivery, route)) }
        doorbell.continuation.yield()
    }

    /// Records deliveries as they come, receipts in one transaction a batch, until cancelled. On a
    /// failure they wait a second and are tried again; they are answered only once recorded (one
    /// never answered comes again from the SMSC).
    public func processDeliveries() async {
        for await _ in doorbell.stream {
            while true {
                let batch = state.withLockedValue { state in
                    defer { state.deliveries = [] }
                    return state.deliveries
                }
                guard !batch.isEmpty else { break }
                do {
                    try await record(batch)
                } catch {
                    // Stopping: what is not recorded stays unanswered, and the SMSC sends it again.
                    if Task.isCancelled { return }
                    logger.error("could not record what the SMSC sent", metadata: ["error": "\(error)"])
                    state.withLockedValue { $0.deliveries = batch + $0.deliveries }
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
    }

    private func record(_ batch: [(delivery: SMPPDelivery, route: SMSGateway.Route)]) async throws {
        var receipts: [HeldReceipt] = []
        for (delivery, route) in batch {
            switch delivery.content {
            case .receipt(let receipt, let from):
                receipts.append(
                    HeldReceipt(
                        smsc: route.name, smscID: receipt.messageID, phone: PhoneNumber(from)?.e164 ?? from, state: receipt.state, error: receipt.error,
                        receivedAt: Date()
                    )
                )
            case .message(let message):
                try await received(message, via: route)
            }
        }
        // The parts these receipts are about were answered before them: record those answers
        // first, so that the receipts find their parts rather than wait as held receipts.
        if !receipts.isEmpty { try await flush() }
        try await queue.applyReceipts(receipts, at: clock.now)
        for (delivery, _) in batch { delivery.acknowledge() }
    }

    private func received(_ message: SMPPShortMessage, via route: SMSGateway.Route) async throws {
        guard let phone = PhoneNumber(message.source) else { return }
        guard OptOut.isRequest(message.text) else {
            logger.info("message from a phone ignored (not an opt-out)", metadata: ["smsc": "\(route.name)"])
            return
        }
        let now = clock.now
        // Confirmed once: the same reply recorded again (a batch tried again) queues nothing more.
        guard try await OptOutRepository(database: database).add(phone: phone.e164, source: "sms", at: now) else { return }
        let confirmation = SMSMessage(OptOut.confirmation)
        try await queue.enqueue(
            phone: phone.e164, operatorID: MobileOperator.of(phone)?.id ?? route.connection.operator, sender: settings.sender, body: confirmation.text,
            parts: confirmation.partCount, purpose: "opt-out-confirmation", at: now
        )
        logger.info("opt-out recorded", metadata: ["smsc": "\(route.name)"])
    }

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

    /// Submits every part of `message`; its outcome joins the next flush once all parts are answered.
    private func submit(_ message: OutboundMessage, via route: SMSGateway.Route) {
        let sms = texts.message(for: message.body)
        let parts = sms.shortMessages(reference: UInt16(truncatingIfNeeded: message.id))
        state.withLockedValue { $0.inFlight[route.name, default: 0] += 1 }
        let tally = PartTally(count: parts.count)
        let isShortCode = message.sender.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        for part in parts {
            var short = SMPPShortMessage(source: message.sender, destination: String(message.phone.dropFirst()), shortMessage: part)
            short.sourceTON = isShortCode ? 0 : 5  // a short code, or an alphanumeric sender
            short.sourceNPI = isShortCode ? 1 : 0
            short.esmClass = parts.count > 1 ? 0x40 : 0
            short.dataCoding = sms.dataCoding
            short.registeredDelivery = 1
            route.client.submit(short) { [self] outcome in
                guard let result = tally.add(outcome) else { return }
                state.withLockedValue { state in
                    state.inFlight[route.name, default: 1] -= 1
                    state.results.append((message, route.name, result))
                }
                outcomesBell.continuation.yield()
            } lateAnswer: { [self] outcome in
                let answer: LateAnswer = switch outcome {
                case .accepted(let id): .accepted(smscID: id)
                case .refused(let status): .refused(reason: "SMSC refused after the timeout: " + SMPPStatus.describe(status))
                case .unanswered: .refused(reason: "no answer from the SMSC")
                }
                state.withLockedValue { $0.lateAnswers.append((message.id, route.name, answer)) }
                outcomesBell.continuation.yield()
            }
        }
    }

    private func settleUnmatchedReceipts() async throws {
        // A flush (nothing to write, when all is written) moves the cutoff on: outcomes are written
        // only as they come, and a receipt held after the last of them would wait for ever.
        try await flush()
        let cutoff = state.withLockedValue { $0.recordedBefore }
        try await queue.applyHeldReceipts(settledBefore: cutoff, at: clock.now)
    }
}

/// The outcomes of one message's parts: the message's result once every part is answered.
private final class PartTally: Sendable {
    private let state: NIOLockedValueBox<(remaining: Int, ids: [String], refused: UInt32?, unanswered: Bool)>

    init(count: Int) {
        state = NIOLockedValueBox((count, [], nil, false))
    }

    /// Adds a part's outcome; returns the message's result when it was the last part.
    func add(_ outcome: SMPPSubmitOutcome) -> SubmissionResult? {
        state.withLockedValue { state in
            switch outcome {
            case .accepted(let id): state.ids.append(id)
            case .refused(let status): state.refused = state.refused ?? status
            case .unanswered: state.unanswered = true
            }
            state.remaining -= 1
            guard state.remaining == 0 else { return nil }
            if let status = state.refused { return .failed(reason: "SMSC refused: " + SMPPStatus.describe(status)) }
            if state.unanswered { return .unconfirmed(reason: "no answer from the SMSC; not sent again") }
            return .submitted(smscIDs: state.ids)
        }
    }
}

extension Duration {
    /// Whole and fractional seconds.
    var seconds: TimeInterval { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
