import CovizoneCore
import ExposureNotification
import Foundation
import Testing

@Suite("Matching and risk scoring")
struct MatchingAndRiskTests {
    let day = ENIntervalNumber(rawValue: 2_642_976)

    /// What a listening phone records when `key`'s owner is `attenuation` dB away at `time`.
    func sighting(of key: TemporaryExposureKey, at time: Date, rssi: Int, broadcastInterval: ENIntervalNumber? = nil) -> Sighting {
        let payload = AdvertisingPayload(key: key, interval: broadcastInterval ?? ENIntervalNumber(date: time), metadata: BluetoothMetadata(transmitPower: -10))
        return Sighting(
            rollingProximityIdentifier: payload.rollingProximityIdentifier, associatedEncryptedMetadata: payload.associatedEncryptedMetadata,
            time: time, rssi: rssi
        )
    }

    @Test("a diagnosis key finds its sightings, within ±2 hours of their interval only")
    func matching() throws {
        var generator = SplitMix64(seed: 1)
        let infected = TemporaryExposureKey.generate(for: day.date, using: &generator)
        let stranger = TemporaryExposureKey.generate(for: day.date, using: &generator)
        let noon = day.date + 12 * 3600
        let log = [
            sighting(of: infected, at: noon, rssi: -60),
            sighting(of: infected, at: noon + 300, rssi: -62),
            sighting(of: stranger, at: noon + 10, rssi: -50),
            // The identifier of 09:30–09:40 heard at 11:30 (within 2 h of its interval) and at 11:45 (too late).
            sighting(of: infected, at: noon - 1800, rssi: -70, broadcastInterval: ENIntervalNumber(date: noon - 9000)),
            sighting(of: infected, at: noon - 900, rssi: -70, broadcastInterval: ENIntervalNumber(date: noon - 9000)),
        ]
        let matcher = ExposureMatcher(sightings: log.shuffled(using: &generator))
        let matched = matcher.matches(for: infected)
        #expect(matched.map(\.time) == [noon - 1800, noon, noon + 300])
        #expect(matcher.matches(for: stranger).count == 1)
        let unrelated = TemporaryExposureKey.generate(for: day.date, using: &generator)
        #expect(matcher.matches(for: unrelated).isEmpty)
    }

    @Test("sightings become ≤30-minute windows of scans with typical and minimum attenuation")
    func windows() throws {
        var generator = SplitMix64(seed: 2)
        let infected = TemporaryExposureKey.generate(for: day.date, using: &generator)
        let start = day.date + 8 * 3600
        var log: [Sighting] = []
        // Scans every 5 minutes for 50 minutes; two advertisements heard per scan, 2 s apart.
        for scan in 0..<10 {
            let time = start + Double(scan * 300)
            log.append(sighting(of: infected, at: time, rssi: -60))  // attenuation 50
            log.append(sighting(of: infected, at: time + 2, rssi: -70))  // attenuation 60
        }
        let windows = ExposureMatcher(sightings: log).exposureWindows(for: [DiagnosisKey(key: infected, reportType: .confirmedTest, daysSinceOnsetOfSymptoms: 1)])
        #expect(windows.count == 2, "50 minutes make a 30-minute window and a 20-minute one")
        #expect(windows[0].scanInstances.count == 6)
        #expect(windows[1].scanInstances.count == 4)
        #expect(windows[0].scanInstances.allSatisfy { $0 == ScanInstance(typicalAttenuation: 55, minimumAttenuation: 50, secondsSinceLastScan: 300) })
        #expect(windows[0].day == day.date)
        #expect(windows[0].reportType == .confirmedTest)
        #expect(windows[1].start == start + 1800)
    }

    @Test("scores weight attenuation, infectiousness and report type; a day over the threshold warns")
    func scoring() throws {
        let scorer = try RiskScorer(configuration: .standard)
        let close = ScanInstance(typicalAttenuation: 50, minimumAttenuation: 45, secondsSinceLastScan: 300)  // immediate: 1.5
        let medium = ScanInstance(typicalAttenuation: 70, minimumAttenuation: 65, secondsSinceLastScan: 300)  // medium: 0.5
        let far = ScanInstance(typicalAttenuation: 90, minimumAttenuation: 80, secondsSinceLastScan: 300)  // other: 0
        func window(_ scans: [ScanInstance], onset: Int?, report: ReportType = .confirmedTest) -> ExposureWindow {
            ExposureWindow(day: day.date, start: day.date, reportType: report, daysSinceOnsetOfSymptoms: onset, scanInstances: scans)
        }
        // 5 min × 1.5 + 5 min × 0.5 + 5 min × 0 = 10 weighted minutes, × 1.5 (high, onset day 0) = 15.
        let highDay = window([close, medium, far], onset: 0)
        #expect(abs(scorer.score(highDay) - 15) < 1e-9)
        #expect(abs(scorer.score(window([close, medium, far], onset: 7)) - 10) < 1e-9, "standard infectiousness")
        #expect(scorer.score(window([close], onset: 12)) == 0, "not infectious 12 days after onset")
        #expect(abs(scorer.score(window([close], onset: nil, report: .selfReport)) - 4.5) < 1e-9, "7.5 × 0.6")
        #expect(scorer.score(window([close], onset: 0, report: .revoked)) == 0)
        #expect(scorer.shouldNotify([highDay]))
        #expect(!scorer.shouldNotify([window([close, medium], onset: 7)]), "10 weighted minutes stay below 15")
        let summaries = scorer.dailySummaries([highDay, window([medium], onset: 7)])
        #expect(summaries.count == 1)
        #expect(abs(summaries[0].weightedMinutes - 17.5) < 1e-9)
        #expect(abs(summaries[0].maximumWindowMinutes - 15) < 1e-9)
    }

    @Test("the risk configuration is versioned JSON and bad values are refused")
    func configuration() throws {
        let json = try JSONEncoder().encode(RiskConfiguration.standard)
        #expect(try JSONDecoder().decode(RiskConfiguration.self, from: json) == .standard)
        #expect(RiskConfiguration.standard.problems().isEmpty)
        var broken = RiskConfiguration.standard
        broken.attenuationThresholds = [70, 60]
        broken.attenuationWeights = [3]
        broken.infectiousnessByDaysSinceOnset = []
        #expect(broken.problems().count == 3)
        #expect(throws: ExposureNotificationError.self) { try RiskScorer(configuration: broken) }
    }
}
