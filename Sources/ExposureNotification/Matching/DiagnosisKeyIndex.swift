import Foundation

/// Published diagnosis keys with their identifiers derived once, for matching many sighting logs
/// against the same download: a test bench, a simulation of many phones, or a phone that keeps
/// the derived identifiers between scans of its log. Finds the same windows as ``ExposureMatcher``.
public struct DiagnosisKeyIndex: Sendable {
    private let keys: [DiagnosisKey]
    /// Identifier prefix → (key position, interval offset).
    private let entries: [UInt64: [(key: Int32, block: UInt8)]]

    public init(keys: [DiagnosisKey]) {
        var entries: [UInt64: [(key: Int32, block: UInt8)]] = [:]
        entries.reserveCapacity(keys.count * Int(ENIntervalNumber.intervalsPerDay))
        for (position, diagnosisKey) in keys.enumerated() {
            let key = diagnosisKey.key
            let count = Int(key.rollingPeriod)
            let identifiers = TemporaryExposureKey.encryptedPaddedData(from: key.rollingStartIntervalNumber, count: count, key: key.rollingProximityIdentifierKey)
            identifiers.withUnsafeBytes { raw in
                for block in 0..<count {
                    let prefix = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16 * block, as: UInt64.self))
                    entries[prefix, default: []].append((Int32(position), UInt8(block)))
                }
            }
        }
        self.keys = keys
        self.entries = entries
    }

    /// Exposure windows of `sightings` (any order), ordered by start.
    public func exposureWindows(for sightings: [Sighting]) -> [ExposureWindow] {
        var matched: [Int32: [Sighting]] = [:]
        for sighting in sightings {
            guard let candidates = entries[ExposureMatcher.prefix(of: sighting.rollingProximityIdentifier.bytes)] else { continue }
            for candidate in candidates {
                let key = keys[Int(candidate.key)].key
                let interval = key.rollingStartIntervalNumber.advanced(by: Int(candidate.block))
                guard sighting.time >= interval.date - ExposureMatcher.timeTolerance,
                    sighting.time < interval.date + TimeInterval(ENIntervalNumber.seconds) + ExposureMatcher.timeTolerance,
                    key.rollingProximityIdentifier(at: interval) == sighting.rollingProximityIdentifier
                else { continue }
                matched[candidate.key, default: []].append(sighting)
            }
        }
        return matched.flatMap { position, found in
            ExposureMatcher.windows(for: keys[Int(position)], matched: found.sorted { $0.time < $1.time })
        }
        .sorted { $0.start < $1.start }
    }
}
