/// The body of submit_sm and deliver_sm (SMPP v3.4 §4.4.1, §4.6.1), with its optional
/// parameters (TLVs) kept as read.
public struct SMPPShortMessage: Sendable, Equatable {
    public var serviceType = ""
    public var sourceTON: UInt8 = 1
    public var sourceNPI: UInt8 = 1
    public var source: String
    public var destinationTON: UInt8 = 1
    public var destinationNPI: UInt8 = 1
    public var destination: String
    /// 0x40 when `shortMessage` starts with a user data header (a part of a long message);
    /// 0x04 in deliver_sm marks a delivery receipt.
    public var esmClass: UInt8 = 0
    public var protocolID: UInt8 = 0
    public var priority: UInt8 = 0
    public var scheduleDeliveryTime = ""
    public var validityPeriod = ""
    /// 1 asks for a delivery receipt.
    public var registeredDelivery: UInt8 = 0
    public var replaceIfPresent: UInt8 = 0
    /// 0 for the SMSC's default alphabet (GSM 03.38), 8 for UCS-2.
    public var dataCoding: UInt8 = 0
    public var defaultMessageID: UInt8 = 0
    /// At most 254 octets.
    public var shortMessage: [UInt8]
    public var optionalParameters: [SMPPOptionalParameter] = []

    public init(source: String, destination: String, shortMessage: [UInt8]) {
        self.source = source
        self.destination = destination
        self.shortMessage = shortMessage
    }

    /// True when this deliver_sm is a delivery receipt rather than a message from a phone.
    public var isDeliveryReceipt: Bool { esmClass & 0x3C == 0x04 }

    /// The text, read by `data_coding`: UCS-2 (8), Latin-1 (3), or the SMSC default alphabet (0,
    /// GSM 03.38 unpacked, read as ASCII where the octets are not GSM). A user data header (a
    /// part of a long message) is skipped.
    public var text: String {
        var octets = shortMessage[...]
        if esmClass & 0x40 != 0, let headerLength = octets.first, octets.count > Int(headerLength) {
            octets = octets.dropFirst(Int(headerLength) + 1)
        }
        switch dataCoding {
        case 8:
            let units = stride(from: octets.startIndex, to: octets.endIndex - 1, by: 2).map { UInt16(octets[$0]) << 8 | UInt16(octets[$0 + 1]) }
            return String(decoding: units, as: UTF16.self)
        case 3:
            return String(octets.map { Character(Unicode.Scalar($0)) })
        default:
            return GSM7Alphabet.decode(Array(octets)) ?? String(decoding: octets, as: UTF8.self)
        }
    }

    init(reading reader: inout SMPPReader) throws(SMPPError) {
        serviceType = try reader.cString(maximum: 6)
        sourceTON = try reader.byte()
        sourceNPI = try reader.byte()
        source = try reader.cString(maximum: 21)
        destinationTON = try reader.byte()
        destinationNPI = try reader.byte()
        destination = try reader.cString(maximum: 21)
        esmClass = try reader.byte()
        protocolID = try reader.byte()
        priority = try reader.byte()
        scheduleDeliveryTime = try reader.cString(maximum: 17)
        validityPeriod = try reader.cString(maximum: 17)
        registeredDelivery = try reader.byte()
        replaceIfPresent = try reader.byte()
        dataCoding = try reader.byte()
        defaultMessageID = try reader.byte()
        let length = Int(try reader.byte())
        shortMessage = try reader.bytes(length)
        optionalParameters = try reader.optionalParameters()
    }

    func write(to writer: inout SMPPWriter) {
        writer.cString(serviceType)
        writer.byte(sourceTON)
        writer.byte(sourceNPI)
        writer.cString(source)
        writer.byte(destinationTON)
        writer.byte(destinationNPI)
        writer.cString(destination)
        writer.byte(esmClass)
        writer.byte(protocolID)
        writer.byte(priority)
        writer.cString(scheduleDeliveryTime)
        writer.cString(validityPeriod)
        writer.byte(registeredDelivery)
        writer.byte(replaceIfPresent)
        writer.byte(dataCoding)
        writer.byte(defaultMessageID)
        writer.byte(UInt8(min(shortMessage.count, 254)))
        writer.bytes(Array(shortMessage.prefix(254)))
        for parameter in optionalParameters {
            writer.short(parameter.tag)
            writer.short(UInt16(parameter.value.count))
            writer.bytes(parameter.value)
        }
    }
}

/// An optional parameter (tag, length, value), such as receipted_message_id (0x001E).
public struct SMPPOptionalParameter: Sendable, Equatable {
    public var tag: UInt16
    public var value: [UInt8]

    public init(tag: UInt16, value: [UInt8]) {
        self.tag = tag
        self.value = value
    }

    public static let receiptedMessageID: UInt16 = 0x001E
    public static let messageState: UInt16 = 0x0427
}
