/// One SMPP 3.4 protocol data unit: the 16-byte header (length, command, status, sequence) and
/// the body of its command.
public struct SMPPPDU: Sendable, Equatable {
    public var command: SMPPCommand
    public var status: UInt32
    public var sequence: UInt32
    public var body: Body

    /// The bodies of the commands Covizone speaks.
    public enum Body: Sendable, Equatable {
        /// bind_transmitter, bind_receiver, bind_transceiver.
        case bind(SMPPBind)
        /// A bind response: the SMSC's system id.
        case bindResponse(systemID: String)
        /// submit_sm and deliver_sm.
        case shortMessage(SMPPShortMessage)
        /// submit_sm_resp and deliver_sm_resp: the SMSC's message id (empty in deliver_sm_resp).
        case messageID(String)
        /// enquire_link(_resp), unbind(_resp), generic_nack, and error responses.
        case empty
    }

    public init(command: SMPPCommand, status: UInt32 = SMPPStatus.ok, sequence: UInt32, body: Body = .empty) {
        self.command = command
        self.status = status
        self.sequence = sequence
        self.body = body
    }

    /// The bytes on the wire.
    public func encoded() -> [UInt8] {
        var writer = SMPPWriter()
        writer.integer(command.rawValue)
        writer.integer(status)
        writer.integer(sequence)
        switch body {
        case .bind(let bind): bind.write(to: &writer)
        case .bindResponse(let systemID): writer.cString(systemID)
        case .shortMessage(let message): message.write(to: &writer)
        case .messageID(let id): writer.cString(id)
        case .empty: break
        }
        return SMPPWriter.framed(writer.bytes)
    }

    /// The length of the PDU at the start of `bytes` (from its header), or nil while fewer than
    /// four bytes have arrived.
    public static func frameLength(_ bytes: some Collection<UInt8>) -> Int? {
        guard bytes.count >= 4 else { return nil }
        return bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) }
    }

    /// Reads one whole PDU. An error response carries no body (SMPP v3.4 §3.3: the body of a
    /// failed response is not sent).
    public static func decode(_ bytes: [UInt8]) throws(SMPPError) -> SMPPPDU {
        guard bytes.count >= 16, let length = frameLength(bytes), length == bytes.count, length <= maximumLength else {
            throw .invalidLength(bytes.count)
        }
        var reader = SMPPReader(bytes: Array(bytes.dropFirst(4)))
        let id = try reader.integer()
        guard let command = SMPPCommand(rawValue: id) else { throw .unknownCommand(id) }
        let status = try reader.integer()
        let sequence = try reader.integer()
        var pdu = SMPPPDU(command: command, status: status, sequence: sequence)
        if command.isResponse && status != SMPPStatus.ok && reader.isAtEnd { return pdu }
        switch command {
        case .bindReceiver, .bindTransmitter, .bindTransceiver:
            pdu.body = .bind(try SMPPBind(reading: &reader))
        case .bindReceiverResponse, .bindTransmitterResponse, .bindTransceiverResponse:
            pdu.body = .bindResponse(systemID: try reader.cString(maximum: 16))
            try reader.skipOptionalParameters()
        case .submitSM, .deliverSM:
            pdu.body = .shortMessage(try SMPPShortMessage(reading: &reader))
        case .submitSMResponse, .deliverSMResponse:
            pdu.body = reader.isAtEnd ? .messageID("") : .messageID(try reader.cString(maximum: 65))
        case .genericNack, .unbind, .unbindResponse, .enquireLink, .enquireLinkResponse:
            break
        }
        guard reader.isAtEnd else { throw .trailingBytes }
        return pdu
    }

    /// Largest PDU accepted: a short message of 254 octets plus every header field, with room for
    /// optional parameters (a message_payload TLV may carry more, up to this).
    public static let maximumLength = 65_536
}

/// Why bytes are not an SMPP PDU.
public enum SMPPError: Error, Equatable, Sendable {
    case invalidLength(Int)
    case unknownCommand(UInt32)
    case truncated
    case unterminatedString
    case stringTooLong(Int)
    case trailingBytes
}
