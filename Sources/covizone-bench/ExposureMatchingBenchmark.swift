import ArgumentParser
import CovizoneCore
import ExposureNotification
import Foundation

/// On-device matching: diagnosis keys per second against a 14-day log of sightings, on one core.
/// Prints `exposure-matching keys_per_second=N` for scripts.
struct ExposureMatchingBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exposure-matching", abstract: "Diagnosis keys matched per second.")

    @Option(help: "Diagnosis keys to match.") var keys = 20_000
    @Option(help: "Sightings in the phone's 14-day log.") var sightings = 20_000

    func run() async throws {
        var generator = SystemRandomNumberGenerator()
        let now = Date()
        let firstDay = ENIntervalNumber(date: now - 14 * 86_400).dayStart
        // Phones the user met: their keys produce the logged identifiers; 1 % of them are diagnosed.
        let met = (0..<max(1, sightings / 50)).map { index in
            TemporaryExposureKey.generate(for: firstDay.advanced(by: (index % 14) * 144).date, using: &generator)
        }
        let metadata = BluetoothMetadata(transmitPower: -10)
        let log: [Sighting] = (0..<sightings).map { index in
            let key = met[index % met.count]
            let interval = key.rollingStartIntervalNumber.advanced(by: Int.random(in: 0..<144, using: &generator))
            let payload = AdvertisingPayload(key: key, interval: interval, metadata: metadata)
            return Sighting(
                rollingProximityIdentifier: payload.rollingProximityIdentifier, associatedEncryptedMetadata: payload.associatedEncryptedMetadata,
                time: interval.date + 60, rssi: -70
            )
        }
        let diagnosed = met.prefix(max(1, met.count / 100)).map { DiagnosisKey(key: $0, reportType: .confirmedTest) }
        let strangers = (0..<(keys - diagnosed.count)).map { index in
            DiagnosisKey(key: TemporaryExposureKey.generate(for: firstDay.advanced(by: (index % 14) * 144).date, using: &generator), reportType: .confirmedTest)
        }
        let published = (diagnosed + strangers).shuffled(using: &generator)

        let matcher = ExposureMatcher(sightings: log)
        let started = ContinuousClock.now
        let windows = matcher.exposureWindows(for: published)
        let elapsed = ContinuousClock.now - started
        precondition(!windows.isEmpty, "the diagnosed contacts must match")
        let seconds = elapsed.timeInterval
        report("matched \(published.count) keys against \(log.count) sightings (\(windows.count) windows)", operations: published.count, elapsed: elapsed)
        print("exposure-matching keys_per_second=\(Int(Double(published.count) / seconds))")
    }
}
