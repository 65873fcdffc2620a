import Foundation

/// The four bytes of Bluetooth metadata a phone encrypts into every advertisement: the protocol
/// version and the transmit power, from which a receiver estimates attenuation.
public struct BluetoothMetadata: Hashable, Sendable {
    /// Major and minor version of the protocol, two bits each (1.0 is written as `0x40`).
    public var majorVersion: UInt8
    public var minorVersion: UInt8
    /// Transmit power in dBm (a signed byte).
    public var transmitPower: Int8

    public init(majorVersion: UInt8 = 1, minorVersion: UInt8 = 0, transmitPower: Int8) {
        self.majorVersion = majorVersion
        self.minorVersion = minorVersion
        self.transmitPower = transmitPower
    }

    /// Reads the four metadata bytes.
    public init(bytes: Data) throws {
        guard bytes.count == 4 else {
            throw ExposureNotificationError.wrongLength(what: "Bluetooth metadata", expected: 4, actual: bytes.count)
        }
        let versionByte = bytes[bytes.startIndex]
        self.majorVersion = versionByte >> 6
        self.minorVersion = (versionByte >> 4) & 0b11
        self.transmitPower = Int8(bitPattern: bytes[bytes.startIndex + 1])
    }

    /// Version byte, transmit power, two reserved zero bytes.
    public var bytes: Data {
        Data([(majorVersion & 0b11) << 6 | (minorVersion & 0b11) << 4, UInt8(bitPattern: transmitPower), 0, 0])
    }
}
