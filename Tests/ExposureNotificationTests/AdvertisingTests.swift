import CovizoneCore
import ExposureNotification
import Foundation
import Testing

@Suite("Advertising")
struct AdvertisingTests {
    let key = try! TemporaryExposureKey(keyData: Data(hex: "75c734c6dd1a782de7a965da5eb93125"), rollingStartIntervalNumber: ENIntervalNumber(rawValue: 2_642_976))

    @Test("the advertisement is 31 bytes with service UUID 0xFD6F and RPI ‖ AEM, and reads back")
    func payloadRoundTrip() throws {
        let interval = ENIntervalNumber(rawValue: 2_642_976)
        let payload = AdvertisingPayload(key: key, interval: interval, metadata: BluetoothMetadata(transmitPower: 8))
        let bytes = payload.advertisingData
        #expect(bytes.count == 31)
        #expect(Array(bytes.prefix(11)) == [0x02, 0x01, 0x1A, 0x03, 0x03, 0x6F, 0xFD, 0x17, 0x16, 0x6F, 0xFD])
        #expect(payload.serviceData.hex == "8be6cd371c5c891604bfbe49df845096" + "72033874", "first row of the official vectors")
        #expect(try AdvertisingPayload(advertisingData: bytes) == payload)
    }

    @Test("other advertisements and truncated data are refused", arguments: [
        Data(), Data([0x02, 0x01, 0x1A]), Data([0x17, 0x16, 0x6F, 0xFD, 0x01]), Data([0x05, 0x16, 0x0F, 0x18, 0x00, 0x00]),
    ])
    func refusesOthers(data: Data) {
        #expect(throws: ExposureNotificationError.self) { try AdvertisingPayload(advertisingData: data) }
    }

    @Test("identifiers rotate every 10 to 20 minutes, each from the interval of its rotation")
    func rotation() throws {
        var generator = SplitMix64(seed: 7)
        let start = ENIntervalNumber(rawValue: 2_642_976).date
        let schedule = RotationSchedule(from: start, until: start + 86_400, using: &generator)
        #expect(schedule.rotations.count >= 72 && schedule.rotations.count <= 144)
        for (earlier, later) in zip(schedule.rotations, schedule.rotations.dropFirst()) {
            let gap = later.timeIntervalSince(earlier)
            #expect(gap >= 600 && gap < 1200)
        }
        #expect(schedule.broadcastInterval(at: start - 1) == nil)
        #expect(schedule.broadcastInterval(at: start + 1) == ENIntervalNumber(rawValue: 2_642_976))
        let third = schedule.rotations[2]
        #expect(schedule.broadcastInterval(at: third + 1) == ENIntervalNumber(date: third))
    }
}
