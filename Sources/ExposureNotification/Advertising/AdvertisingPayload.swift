import Foundation

/// The Bluetooth Low Energy advertisement of the Exposure Notification service: flags, the
/// 16-bit service UUID 0xFD6F, and its service data (RPI ‖ AEM), 31 bytes in all.
public struct AdvertisingPayload: Hashable, Sendable {
    /// The Exposure Notification service UUID (assigned by the Bluetooth SIG).
    public static let serviceUUID: UInt16 = 0xFD6F

    public var rollingProximityIdentifier: RollingProximityIdentifier
    /// The four bytes of encrypted metadata.
    public var associatedEncryptedMetadata: Data

    public init(rollingProximityIdentifier: RollingProximityIdentifier, associatedEncryptedMetadata: Data) throws {
        guard associatedEncryptedMetadata.count == 4 else {
            throw ExposureNotificationError.wrongLength(what: "associated encrypted metadata", expected: 4, actual: associatedEncryptedMetadata.count)
        }
        self.rollingProximityIdentifier = rollingProximityIdentifier
        self.associatedEncryptedMetadata = Data(associatedEncryptedMetadata)
    }

    /// The advertisement `key` sends during `interval` with `metadata`.
    public init(key: TemporaryExposureKey, interval: ENIntervalNumber, metadata: BluetoothMetadata) {
        let rpi = key.rollingProximityIdentifier(at: interval)
        self.rollingProximityIdentifier = rpi
        self.associatedEncryptedMetadata = key.encryptMetadata(metadata.bytes, for: rpi)
    }

    /// The 20 bytes of service data: RPI followed by AEM.
    public var serviceData: Data { rollingProximityIdentifier.bytes + associatedEncryptedMetadata }

    /// The advertising data structures as sent on air.
    public var advertisingData: Data {
        let uuid = [UInt8(Self.serviceUUID & 0xFF), UInt8(Self.serviceUUID >> 8)]
        var data = Data([0x02, 0x01, 0x1A])  // flags: LE general discoverable, BR/EDR not supported
        data += [0x03, 0x03] + uuid  // complete list of 16-bit service UUIDs
        data += [UInt8(1 + 2 + serviceData.count), 0x16] + uuid  // service data, 16-bit UUID
        data += serviceData
        return data
    }

    /// Reads an advertisement; anything that is not an Exposure Notification advertisement throws.
    public init(advertisingData data: Data) throws {
        var offset = data.startIndex
        while offset < data.endIndex {
            let length = Int(data[offset])
            guard length > 0 else { break }
            let end = offset + 1 + length
            guard end <= data.endIndex else { throw ExposureNotificationError.invalidEncoding("advertising data") }
            let type = data[offset + 1]
            let body = data[(offset + 2)..<end]
            if type == 0x16, body.count == 22, body[body.startIndex] == 0x6F, body[body.startIndex + 1] == 0xFD {
                let payload = body.dropFirst(2)
                try self.init(
                    rollingProximityIdentifier: try RollingProximityIdentifier(bytes: Data(payload.prefix(16))),
                    associatedEncryptedMetadata: Data(payload.suffix(4))
                )
                return
            }
            offset = end
        }
        throw ExposureNotificationError.invalidEncoding("advertising data")
    }
}
