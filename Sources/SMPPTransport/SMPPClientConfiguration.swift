import Foundation
import Messaging

/// How to reach one operator's SMSC and how hard to use it.
public struct SMPPClientConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// The bind request (system id, password, system type) every connection sends.
    public var bind: SMPPBind
    /// Connections (binds) kept open at once; parts are shared among them.
    public var binds: Int
    /// Most parts awaiting a response on one bind.
    public var window: Int
    /// Most parts submitted per second on one bind (nil: no limit). Below it, each bind paces
    /// itself at the rate it learns from the SMSC's throttling answers (``SubmissionPace``).
    public var partsPerSecond: Double?
    public var responseTimeout: TimeInterval
    public var enquireLinkInterval: TimeInterval
    /// First wait before connecting again after a connection failed or dropped; it doubles up to
    /// `maximumReconnectDelay` and starts again once a bind succeeds.
    public var reconnectDelay: TimeInterval
    public var maximumReconnectDelay: TimeInterval
    public var connectTimeout: TimeInterval

    public init(
        host: String, port: Int, bind: SMPPBind, binds: Int = 1, window: Int = 10, partsPerSecond: Double? = nil, responseTimeout: TimeInterval = 10,
        enquireLinkInterval: TimeInterval = 30, reconnectDelay: TimeInterval = 1, maximumReconnectDelay: TimeInterval = 60, connectTimeout: TimeInterval = 5
    ) {
        self.host = host
        self.port = port
        self.bind = bind
        self.binds = binds
        self.window = window
        self.partsPerSecond = partsPerSecond
        self.responseTimeout = responseTimeout
        self.enquireLinkInterval = enquireLinkInterval
        self.reconnectDelay = reconnectDelay
        self.maximumReconnectDelay = maximumReconnectDelay
        self.connectTimeout = connectTimeout
    }

    /// The session settings of one bind.
    var session: SMPPSession.Configuration {
        SMPPSession.Configuration(
            bind: bind, window: window, responseTimeout: responseTimeout, enquireLinkInterval: enquireLinkInterval, partsPerSecond: partsPerSecond
        )
    }
}

/// What became of one submitted part.
public enum SMPPSubmitOutcome: Sendable, Equatable {
    /// The SMSC took it and named it; a delivery receipt with this id may follow.
    case accepted(messageID: String)
    /// The SMSC refused it with this `command_status`.
    case refused(status: UInt32)
    /// It was sent but no answer came (timeout or a dropped connection): the SMSC may or may not
    /// have it.
    case unanswered
}

/// What the SMSC sends on its own.
public enum SMPPInbound: Sendable, Equatable {
    case receipt(DeliveryReceipt, from: String)
    /// A message from a phone (MO).
    case message(SMPPShortMessage)
}

/// A receipt or MO message and how to answer it: call ``acknowledge()`` once it is recorded. One
/// never answered (the process stopped first) is sent again by the SMSC.
public struct SMPPDelivery: Sendable {
    public let content: SMPPInbound
    private let answer: @Sendable () -> Void

    init(_ content: SMPPInbound, answer: @escaping @Sendable () -> Void) {
        self.content = content
        self.answer = answer
    }

    /// Answers the SMSC's deliver_sm (nothing happens when its connection is gone).
    public func acknowledge() { answer() }
}
