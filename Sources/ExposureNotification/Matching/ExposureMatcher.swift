import Crypto
import Foundation

/// Finds which sightings of a phone's log belong to published diagnosis keys, on the phone.
///
/// The sightings are indexed once by identifier. For each diagnosis key the matcher derives the
/// identifier key once, computes the identifiers of all its intervals in one pass and looks them up;
/// a sighting counts only within ±2 hours of the interval the identifier belongs to, which bounds
/// how long a recorded or replayed identifier stays useful.
public struct ExposureMatcher: Sendable {
    /// How far a sighting may be from its identifier's interval and still count.
    public static let timeTolerance: TimeInterval = 2 * 3600
    /// Longest exposure window.
    public static let maximumWindowLength: TimeInterval = 30 * 60
    /// Sightings closer together than this were heard in the same scan.
    public static let sameScanGap: TimeInterval = 10
    /// The scan period: how long one scan stands for at most.
    public static let scanPeriod = 300

    private let sightings: [Sighting]
    private let index: [Data: [Int]]

    /// Indexes `sightings` (in any order).
    public init(sightings: [Sighting]) {
        let sorted = sightings.sorted { $0.time < $1.time }
        var index: [Data: [Int]] = [:]
        index.reserveCapacity(sorted.count)
        for (position, sighting) in sorted.enumerated() {
            index[sighting.rollingProximityIdentifier.bytes, default: []].append(position)
        }
        self.sightings = sorted
        self.index = index
    }

    /// The sightings that `key`'s identifiers explain, in time order.
    public func matches(for key: TemporaryExposureKey) -> [Sighting] {
        let identifierKey = key.rollingProximityIdentifierKey
        var found: [Int] = []
        for interval in key.intervals {
            let rpi = TemporaryExposureKey.rollingProximityIdentifier(key: identifierKey, interval: interval)
            guard let positions = index[rpi.bytes] else { continue }
            let earliest = interval.date - Self.timeTolerance
            let latest = interval.date + TimeInterval(ENIntervalNumber.seconds) + Self.timeTolerance
            found += positions.filter { sightings[$0].time >= earliest && sightings[$0].time < latest }
        }
        return found.sorted().map { sightings[$0] }
    }

    /// Exposure windows for every diagnosis key that matches, ordered by start.
    public func exposureWindows(for keys: [DiagnosisKey]) -> [ExposureWindow] {
        keys.flatMap { windows(for: $0) }.sorted { $0.start < $1.start }
    }

    /// Splits a key's matched sightings into windows of at most 30 minutes and their scans.
    func windows(for diagnosisKey: DiagnosisKey) -> [ExposureWindow] {
        let matched = matches(for: diagnosisKey.key)
        var windows: [ExposureWindow] = []
        var group: [(time: Date, attenuation: Int)] = []
        func close() {
            guard let first = group.first else { return }
            windows.append(
                ExposureWindow(
                    day: ENIntervalNumber(date: first.time).dayStart.date, start: first.time, reportType: diagnosisKey.reportType,
                    daysSinceOnsetOfSymptoms: diagnosisKey.daysSinceOnsetOfSymptoms, scanInstances: Self.scans(in: group)
                )
            )
            group = []
        }
        for sighting in matched {
            guard let attenuation = attenuation(of: sighting, key: diagnosisKey.key) else { continue }
            if let first = group.first, sighting.time.timeIntervalSince(first.time) >= Self.maximumWindowLength { close() }
            group.append((sighting.time, attenuation))
        }
        close()
        return windows
    }

    /// Transmit power from the decrypted metadata minus the received strength; `nil` when the
    /// metadata cannot be read.
    private func attenuation(of sighting: Sighting, key: TemporaryExposureKey) -> Int? {
        guard sighting.associatedEncryptedMetadata.count == 4 else { return nil }
        let plain = key.decryptMetadata(sighting.associatedEncryptedMetadata, for: sighting.rollingProximityIdentifier)
        guard let metadata = try? BluetoothMetadata(bytes: plain) else { return nil }
        return max(0, Int(metadata.transmitPower) - sighting.rssi)
    }

    /// Groups time-ordered sightings into scans: mean and minimum attenuation, and the time each
    /// scan stands for (since the previous one, at most one scan period).
    static func scans(in sightings: [(time: Date, attenuation: Int)]) -> [ScanInstance] {
        var scans: [ScanInstance] = []
        var current: [Int] = []
        var currentStart: Date?
        var previousStart: Date?
        func flush() {
            guard let start = currentStart, !current.isEmpty else { return }
            let sinceLast = previousStart.map { min(scanPeriod, Int(start.timeIntervalSince($0).rounded())) } ?? scanPeriod
            let mean = Double(current.reduce(0, +)) / Double(current.count)
            scans.append(ScanInstance(typicalAttenuation: Int(mean.rounded()), minimumAttenuation: current.min()!, secondsSinceLastScan: sinceLast))
            previousStart = start
        }
        var last: Date?
        for sighting in sightings {
            if let last, sighting.time.timeIntervalSince(last) > sameScanGap {
                flush()
                current = []
                currentStart = nil
            }
            if currentStart == nil { currentStart = sighting.time }
            current.append(sighting.attenuation)
            last = sighting.time
        }
        flush()
        return scans
    }
}
