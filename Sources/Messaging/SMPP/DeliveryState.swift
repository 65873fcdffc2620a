/// A message's state in a delivery receipt: the `stat` word of the receipt's text (SMPP v3.4
/// Appendix B), or the message_state number (§5.2.28). The raw values are the receipt's words,
/// which the store keeps; a word outside the standard is kept as it came (``other(_:)``).
public enum DeliveryState: Sendable, Hashable, RawRepresentable {
    case enroute
    case delivered
    case expired
    case deleted
    case undeliverable
    case accepted
    case unknown
    case rejected
    case other(String)

    private static let standard: [DeliveryState] = [.enroute, .delivered, .expired, .deleted, .undeliverable, .accepted, .unknown, .rejected]

    /// The state a receipt's word names, in any case.
    public init(rawValue: String) {
        let word = rawValue.uppercased()
        self = Self.standard.first { $0.rawValue == word } ?? .other(rawValue)
    }

    /// The state of message_state `number` (1 to 8), or nil for another number.
    public init?(messageState number: UInt8) {
        guard (1...8).contains(number) else { return nil }
        self = Self.standard[Int(number) - 1]
    }

    public var rawValue: String {
        switch self {
        case .enroute: "ENROUTE"
        case .delivered: "DELIVRD"
        case .expired: "EXPIRED"
        case .deleted: "DELETED"
        case .undeliverable: "UNDELIV"
        case .accepted: "ACCEPTD"
        case .unknown: "UNKNOWN"
        case .rejected: "REJECTD"
        case .other(let word): word
        }
    }

    /// True when the message reached the phone.
    public var isDelivered: Bool { self == .delivered }

    /// True when the message will not be delivered.
    public var isFinalFailure: Bool { [.expired, .deleted, .undeliverable, .rejected].contains(self) }

    /// True when the receipt settles its message as failed: a final failure, or a state the
    /// SMSC itself no longer knows (nothing later will tell more).
    public var settlesAsFailure: Bool { isFinalFailure || self == .unknown }
}
