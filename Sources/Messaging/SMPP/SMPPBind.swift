/// The body of a bind request (SMPP v3.4 §4.1).
public struct SMPPBind: Sendable, Equatable {
    public var systemID: String
    public var password: String
    public var systemType: String
    /// 0x34 for SMPP 3.4.
    public var interfaceVersion: UInt8
    public var addressTON: UInt8
    public var addressNPI: UInt8
    public var addressRange: String

    public init(
        systemID: String, password: String, systemType: String = "", interfaceVersion: UInt8 = 0x34, addressTON: UInt8 = 0, addressNPI: UInt8 = 0,
        addressRange: String = ""
    ) {
        self.systemID = systemID
        self.password = password
        self.systemType = systemType
        self.interfaceVersion = interfaceVersion
        self.addressTON = addressTON
        self.addressNPI = addressNPI
        self.addressRange = addressRange
    }

    init(reading reader: inout SMPPReader) throws(SMPPError) {
        systemID = try reader.cString(maximum: 16)
        password = try reader.cString(maximum: 9)
        systemType = try reader.cString(maximum: 13)
        interfaceVersion = try reader.byte()
        addressTON = try reader.byte()
        addressNPI = try reader.byte()
        addressRange = try reader.cString(maximum: 41)
    }

    func write(to writer: inout SMPPWriter) {
        writer.cString(systemID)
        writer.cString(password)
        writer.cString(systemType)
        writer.byte(interfaceVersion)
        writer.byte(addressTON)
        writer.byte(addressNPI)
        writer.cString(addressRange)
    }
}
