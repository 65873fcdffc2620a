import ExposureNotification
import Foundation
import Testing

@Suite("Key broadcasts and the shared diagnosis key index")
struct BroadcastAndIndexTests {
    let metadata = BluetoothMetadata(transmitPower: -10)

    @Test("a key's broadcast is the advertising payload of every interval, and nothing outside it")
    func broadcast() throws {
        let key = TemporaryExposureKey.generate(for: Date(timeIntervalSince1970: 1_800_000_000))
        let broadcast = KeyBroadcast(key: key, metadata: metadata)
        for interval in key.intervals {
            #expect(broadcast.payload(at: interval) == AdvertisingPayload(key: key, interval: interval, metadata: metadata))
        }
        #expect(broadcast.payload(at: key.rollingStartIntervalNumber.advanced(by: -1)) == nil)
        #expect(broadcast.payload(at: key.rollingStartIntervalNumber.advanced(by: 144)) == nil)
    }

    @Test("the index finds exactly the windows the per-phone matcher finds")
    func sameWindowsAsMatcher() throws {
        var generator = SystemRandomNumberGenerator()
        let firstDay = ENIntervalNumber(date: Date(timeIntervalSince1970: 1_800_000_000)).dayStart
        let met = (0..<40).map { TemporaryExposureKey.generate(for: firstDay.advanced(by: ($0 % 5) * 144).date, using: &generator) }
        var sightings: [Sighting] = []
        for (index, key) in met.enumerated() {
            let broadcast = KeyBroadcast(key: key, metadata: metadata)
            let start = Int.random(in: 0..<120, using: &generator)
            for step in 0..<(index % 7 + 1) * 3 {
                let interval = key.rollingStartIntervalNumber.advanced(by: start + step / 2)
                let payload = try #require(broadcast.payload(at: interval))
                sightings.append(
                    Sighting(
                        rollingProximityIdentifier: payload.rollingProximityIdentifier,
                        associatedEncryptedMetadata: payload.associatedEncryptedMetadata,
                        time: interval.date + TimeInterval(step % 2 * 300 + 5), rssi: -60 - index % 20
                    )
                )
            }
        }
        // A replayed identifier far from its interval must not count on either path.
        let replayed = try #require(sightings.first)
        sightings.append(Sighting(
            rollingProximityIdentifier: replayed.rollingProximityIdentifier, associatedEncryptedMetadata: replayed.associatedEncryptedMetadata,
            time: replayed.time + 6 * 3600, rssi: -50
        ))
        let diagnosed = met.enumerated().filter { $0.offset % 3 == 0 }.map { DiagnosisKey(key: $0.element, reportType: .confirmedTest, daysSinceOnsetOfSymptoms: 1) }
        let strangers = (0..<200).map { _ in DiagnosisKey(key: TemporaryExposureKey.generate(for: firstDay.date, using: &generator), reportType: .confirmedTest) }
        let keys = (diagnosed + strangers).shuffled(using: &generator)

        let expected = ExposureMatcher(sightings: sightings).exposureWindows(for: keys)
        let found = DiagnosisKeyIndex(keys: keys).exposureWindows(for: sightings.shuffled(using: &generator))
        #expect(!expected.isEmpty)
        #expect(found.count == expected.count)
        #expect(Set(found) == Set(expected))
    }
}
