import Foundation

/// The client side of one SMPP 3.4 bind as a state machine without IO: the socket code feeds it
/// what happens (connected, a PDU arrived, time passed) and carries out the actions it returns
/// (send a PDU, close the connection) and the events it reports (a message was accepted, a
/// receipt arrived). It binds as a transceiver, keeps a window of outstanding requests, answers
/// the SMSC's requests (receipts and MO messages once the caller has recorded them), sends
/// enquire_link when the line is quiet, times requests out, and paces submissions at a rate it
/// learns from the SMSC's throttling answers (``SubmissionPace``).
public struct SMPPSession: Sendable {
    public struct Configuration: Sendable, Equatable {
        public var bind: SMPPBind
        /// Most requests awaiting a response.
        public var window: Int
        /// A request without a response after this long has failed.
        public var responseTimeout: TimeInterval
        /// Quiet time after which the session checks the line with enquire_link.
        public var enquireLinkInterval: TimeInterval
        /// Most parts submitted a second, whatever the pace learns (nil: no limit).
        public var partsPerSecond: Double?

        public init(
            bind: SMPPBind, window: Int = 10, responseTimeout: TimeInterval = 10, enquireLinkInterval: TimeInterval = 30, partsPerSecond: Double? = nil
        ) {
            self.bind = bind
            self.window = window
            self.responseTimeout = responseTimeout
            self.enquireLinkInterval = enquireLinkInterval
            self.partsPerSecond = partsPerSecond
        }
    }

    public enum State: Sendable, Equatable {
        case closed, binding, bound, unbinding
    }

    /// What the connection must do.
    public enum Action: Sendable, Equatable {
        case send(SMPPPDU)
        case close
    }

    /// What happened, for the dispatcher. `tag` is the caller's id of a submitted part.
    public enum Event: Sendable, Equatable {
        case bound(systemID: String)
        case bindRefused(status: UInt32)
        case accepted(tag: UInt64, messageID: String)
        case refused(tag: UInt64, status: UInt32)
        /// The SMSC asked to slow down; the part was not taken and should be sent again later.
        case throttled(tag: UInt64, status: UInt32)
        /// No response in time, or the connection went: the part's fate is unknown.
        case timedOut(tag: UInt64)
        /// The response of a part that had timed out came after all, on the same connection:
        /// `messageID` when the SMSC took it (`status` 0), else the status it refused it with.
        case answeredLate(tag: UInt64, status: UInt32, messageID: String?)
        /// A delivery receipt; answer it with ``acknowledgement(of:)`` once it is recorded (an
        /// SMSC sends an unanswered one again).
        case receipt(DeliveryReceipt, from: String, sequence: UInt32)
        /// A message from a phone (an MO message); answered the same way.
        case message(SMPPShortMessage, sequence: UInt32)
        case unbound
    }

    public let configuration: Configuration
    public private(set) var state: State = .closed
    private var nextSequence: UInt32 = 1
    private var outstanding: [UInt32: (tag: UInt64?, command: SMPPCommand, sentAt: Date)] = [:]
    /// Parts that timed out on this connection, by sequence, while a late response may still come.
    private var timedOut: [UInt32: (tag: UInt64, at: Date)] = [:]
    private var lastActivity = Date.distantPast
    private var pace: SubmissionPace

    /// A session that paces its submissions at `learntRate` if an earlier connection of the same
    /// bind learnt one.
    public init(configuration: Configuration, learntRate: Double? = nil, now: Date = Date()) {
        self.configuration = configuration
        pace = SubmissionPace(ceiling: configuration.partsPerSecond, learntRate: learntRate, now: now)
    }

    /// Parts awaiting a response.
    public var outstandingCount: Int { outstanding.count }

    /// The parts a second learnt from the SMSC's throttling; nil until it throttles.
    public var learntRate: Double? { pace.learntRate }

    /// True when a part may be submitted now: bound, room in the window, its turn in the pace.
    public func canSubmit(at now: Date) -> Bool {
        state == .bound && outstanding.count < configuration.window && pace.nextTurn(after: now) <= now
    }

    /// When the pace lets the next part go (the window may still hold it back).
    public func nextTurn(after now: Date) -> Date {
        pace.nextTurn(after: now)
    }

    /// The connection is open: bind as a transceiver.
    public mutating func connected(at now: Date) -> [Action] {
        state = .binding
        outstanding = [:]
        timedOut = [:]
        return [.send(request(.bindTransceiver, body: .bind(configuration.bind), tag: nil, at: now))]
    }

    /// Submits one part (a submit_sm body) if ``canSubmit(at:)``; nil otherwise.
    public mutating func submit(_ message: SMPPShortMessage, tag: UInt64, at now: Date) -> [Action]? {
        guard canSubmit(at: now) else { return nil }
        pace.submitted(at: now)
        return [.send(request(.submitSM, body: .shortMessage(message), tag: tag, at: now))]
    }

    /// Ends the session politely.
    public mutating func unbind(at now: Date) -> [Action] {
        guard state == .bound else { return [.close] }
        state = .unbinding
        return [.send(request(.unbind, body: .empty, tag: nil, at: now))]
    }

    /// A PDU arrived.
    public mutating func received(_ pdu: SMPPPDU, at now: Date) -> (actions: [Action], events: [Event]) {
        lastActivity = now
        if !pdu.command.isResponse || pdu.command == .genericNack && outstanding[pdu.sequence] == nil && timedOut[pdu.sequence] == nil {
            return answer(pdu)
        }
        guard let request = outstanding.removeValue(forKey: pdu.sequence) else { return ([], lateAnswer(pdu)) }
        switch (request.command, pdu.command) {
        case (.bindTransceiver, .bindTransceiverResponse), (.bindTransceiver, .genericNack):
            guard pdu.status == SMPPStatus.ok, pdu.command == .bindTransceiverResponse else {
                state = .closed
                return ([.close], [.bindRefused(status: pdu.status)])
            }
            state = .bound
            if case .bindResponse(let systemID) = pdu.body { return ([], [.bound(systemID: systemID)]) }
            return ([], [.bound(systemID: "")])
        case (.submitSM, .submitSMResponse), (.submitSM, .genericNack):
            guard let tag = request.tag else { return ([], []) }
            if SMPPStatus.asksToWait(pdu.status) {
                pace.throttled(sentAt: request.sentAt, at: now)
                return ([], [.throttled(tag: tag, status: pdu.status)])
            }
            guard pdu.status == SMPPStatus.ok, pdu.command == .submitSMResponse else { return ([], [.refused(tag: tag, status: pdu.status)]) }
            pace.accepted(at: now)
            if case .messageID(let id) = pdu.body { return ([], [.accepted(tag: tag, messageID: id)]) }
            return ([], [.refused(tag: tag, status: SMPPStatus.systemError)])
        case (.unbind, .unbindResponse):
            state = .closed
            return ([.close], lostParts() + [.unbound])
        default:
            return ([], [])
        }
    }

    /// Time passed: requests time out; a quiet line gets an enquire_link; an unanswered
    /// enquire_link closes the connection.
    public mutating func tick(at now: Date) -> (actions: [Action], events: [Event]) {
        var events: [Event] = []
        var actions: [Action] = []
        timedOut = timedOut.filter { now.timeIntervalSince($0.value.at) < Self.lateAnswerWindow }
        for (sequence, request) in outstanding where now.timeIntervalSince(request.sentAt) >= configuration.responseTimeout {
            outstanding[sequence] = nil
            switch request.command {
            case .submitSM:
                if let tag = request.tag {
                    events.append(.timedOut(tag: tag))
                    timedOut[sequence] = (tag, now)
                }
            default:
                state = .closed
                actions = [.close]
            }
        }
        if actions.isEmpty, state == .bound, now.timeIntervalSince(lastActivity) >= configuration.enquireLinkInterval,
            !outstanding.values.contains(where: { $0.command == .enquireLink })
        {
            actions.append(.send(request(.enquireLink, body: .empty, tag: nil, at: now)))
        }
        if state == .closed { events += lostParts() }
        return (actions, events)
    }

    /// The connection dropped: every outstanding part's fate is unknown.
    public mutating func connectionLost() -> [Event] {
        state = .closed
        timedOut = [:]
        return lostParts()
    }

    /// How long after its timeout a part's response is still taken.
    public static let lateAnswerWindow: TimeInterval = 600

    /// The response to a part that had timed out, if `pdu` is one.
    private mutating func lateAnswer(_ pdu: SMPPPDU) -> [Event] {
        guard pdu.command == .submitSMResponse || pdu.command == .genericNack, let part = timedOut.removeValue(forKey: pdu.sequence) else { return [] }
        if pdu.status == SMPPStatus.ok, pdu.command == .submitSMResponse, case .messageID(let id) = pdu.body {
            return [.answeredLate(tag: part.tag, status: pdu.status, messageID: id)]
        }
        return [.answeredLate(tag: part.tag, status: pdu.status == SMPPStatus.ok ? SMPPStatus.systemError : pdu.status, messageID: nil)]
    }

    private mutating func lostParts() -> [Event] {
        let lost = outstanding.values.compactMap(\.tag).sorted().map { Event.timedOut(tag: $0) }
        outstanding = [:]
        return lost
    }

    /// Answers a request from the SMSC.
    private mutating func answer(_ pdu: SMPPPDU) -> (actions: [Action], events: [Event]) {
        switch pdu.command {
        case .deliverSM:
            guard case .shortMessage(let message) = pdu.body else { return ([.send(Self.acknowledgement(of: pdu.sequence))], []) }
            if message.isDeliveryReceipt,
                let receipt = DeliveryReceipt(text: message.text) ?? DeliveryReceipt(optionalParameters: message.optionalParameters)
            {
                return ([], [.receipt(receipt, from: message.source, sequence: pdu.sequence)])
            }
            return ([], [.message(message, sequence: pdu.sequence)])
        case .enquireLink:
            return ([.send(SMPPPDU(command: .enquireLinkResponse, sequence: pdu.sequence))], [])
        case .unbind:
            state = .closed
            return ([.send(SMPPPDU(command: .unbindResponse, sequence: pdu.sequence)), .close], lostParts() + [.unbound])
        case .genericNack:
            return ([], [])
        default:
            return ([.send(SMPPPDU(command: .genericNack, status: SMPPStatus.invalidCommandID, sequence: pdu.sequence))], [])
        }
    }

    /// The answer to the SMSC's deliver_sm `sequence`: send it once the receipt or message is
    /// recorded, so that one lost in a crash comes again.
    public static func acknowledgement(of sequence: UInt32) -> SMPPPDU {
        SMPPPDU(command: .deliverSMResponse, sequence: sequence, body: .messageID(""))
    }

    private mutating func request(_ command: SMPPCommand, body: SMPPPDU.Body, tag: UInt64?, at now: Date) -> SMPPPDU {
        let sequence = nextSequence
        nextSequence = nextSequence >= 0x7FFF_FFFF ? 1 : nextSequence + 1
        outstanding[sequence] = (tag, command, now)
        lastActivity = now
        return SMPPPDU(command: command, sequence: sequence, body: body)
    }
}
