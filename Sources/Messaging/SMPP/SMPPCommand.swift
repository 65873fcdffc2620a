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

    /// The status's name in SMPP v3.4 §5.1.3 and its value, as officers read it in a failure
    /// reason: `ESME_RINVDSTADR (0x0000000B)`.
    public static func describe(_ status: UInt32) -> String {
        let hex = String(status, radix: 16, uppercase: true)
        let value = "0x" + String(repeating: "0", count: max(0, 8 - hex.count)) + hex
        guard let name = names[status] else { return value }
        return "\(name) (\(value))"
    }

    private static let names: [UInt32: String] = [
        0x00: "ESME_ROK", 0x01: "ESME_RINVMSGLEN", 0x02: "ESME_RINVCMDLEN", 0x03: "ESME_RINVCMDID", 0x04: "ESME_RINVBNDSTS",
        0x05: "ESME_RALYBND", 0x06: "ESME_RINVPRTFLG", 0x07: "ESME_RINVREGDLVFLG", 0x08: "ESME_RSYSERR", 0x0A: "ESME_RINVSRCADR",
        0x0B: "ESME_RINVDSTADR", 0x0C: "ESME_RINVMSGID", 0x0D: "ESME_RBINDFAIL", 0x0E: "ESME_RINVPASWD", 0x0F: "ESME_RINVSYSID",
        0x11: "ESME_RCANCELFAIL", 0x13: "ESME_RREPLACEFAIL", 0x14: "ESME_RMSGQFUL", 0x15: "ESME_RINVSERTYP", 0x33: "ESME_RINVNUMDESTS",
        0x34: "ESME_RINVDLNAME", 0x40: "ESME_RINVDESTFLAG", 0x42: "ESME_RINVSUBREP", 0x43: "ESME_RINVESMCLASS", 0x44: "ESME_RCNTSUBDL",
        0x45: "ESME_RSUBMITFAIL", 0x48: "ESME_RINVSRCTON", 0x49: "ESME_RINVSRCNPI", 0x50: "ESME_RINVDSTTON", 0x51: "ESME_RINVDSTNPI",
        0x53: "ESME_RINVSYSTYP", 0x54: "ESME_RINVREPFLAG", 0x55: "ESME_RINVNUMMSGS", 0x58: "ESME_RTHROTTLED", 0x61: "ESME_RINVSCHED",
        0x62: "ESME_RINVEXPIRY", 0x63: "ESME_RINVDFTMSGID", 0x64: "ESME_RX_T_APPN", 0x65: "ESME_RX_P_APPN", 0x66: "ESME_RX_R_APPN",
        0x67: "ESME_RQUERYFAIL", 0xC0: "ESME_RINVOPTPARSTREAM", 0xC1: "ESME_ROPTPARNOTALLWD", 0xC2: "ESME_RINVPARLEN",
        0xC3: "ESME_RMISSINGOPTPARAM", 0xC4: "ESME_RINVOPTPARAMVAL", 0xFE: "ESME_RDELIVERYFAILURE", 0xFF: "ESME_RUNKNOWNERR",
    ]
}
