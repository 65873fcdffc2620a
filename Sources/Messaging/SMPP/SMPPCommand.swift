/// The SMPP 3.4 operations Covizone speaks (SMPP v3.4 §5.1.2.1); a response's id is its
/// request's with the high bit set.
public enum SMPPCommand: UInt32, Sendable, CaseIterable {
    case genericNack = 0x8000_0000
    case bindReceiver = 0x0000_0001
    case bindReceiverResponse = 0x8000_0001
    case bindTransmitter = 0x0000_0002
    case bindTransmitterResponse = 0x8000_0002
    case submitSM = 0x0000_0004
    case submitSMResponse = 0x8000_0004
    case deliverSM = 0x0000_0005
    case deliverSMResponse = 0x8000_0005
    case unbind = 0x0000_0006
    case unbindResponse = 0x8000_0006
    case bindTransceiver = 0x0000_0009
    case bindTransceiverResponse = 0x8000_0009
    case enquireLink = 0x0000_0015
    case enquireLinkResponse = 0x8000_0015

    /// True for the responses (and generic_nack).
    public var isResponse: Bool { rawValue & 0x8000_0000 != 0 }

    /// The response to this request.
    public var response: SMPPCommand? { isResponse ? nil : SMPPCommand(rawValue: rawValue | 0x8000_0000) }
}

/// Command status codes Covizone acts on (SMPP v3.4 §5.1.3).
public enum SMPPStatus {
    public static let ok: UInt32 = 0x0000_0000
    public static let invalidMessageLength: UInt32 = 0x0000_0001
    public static let invalidCommandLength: UInt32 = 0x0000_0002
    public static let invalidCommandID: UInt32 = 0x0000_0003
    public static let bindFailed: UInt32 = 0x0000_000D
    public static let messageQueueFull: UInt32 = 0x0000_0014
    public static let throttled: UInt32 = 0x0000_0058
    public static let systemError: UInt32 = 0x0000_0008

    /// True when the SMSC asks the client to slow down and retry later.
    public static func asksToWait(_ status: UInt32) -> Bool { status == messageQueueFull || status == throttled }
}
