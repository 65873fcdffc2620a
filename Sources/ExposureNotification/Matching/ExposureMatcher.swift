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

    /// Bits of the identifiers' first eight bytes that address the prefilter (4 Mi bits, 512 KiB).
    private static let filterBits = 22
    private let sightings: [Sighting]
    /// Sightings by the first eight bytes of their identifier (identifiers are uniformly random).
    private let index: [UInt64: [Int]]
    /// One bit per identifier prefix: nearly every derived identifier is rejected by one bit test.
    private let filter: [UInt64]

    /// Indexes `sightings` (in any order).
    public init(sightings: [Sighting]) {
        let sorted = sightings.sorted { $0.time < $1.time }
        var index: [UInt64: [Int]] = [:]
        index.reserveCapacity(sorted.count)
        var filter = [UInt64](repeating: 0, count: (1 << Self.filterBits) / 64)
        for (position, sighting) in sorted.enumerated() {
            let prefix = Self.prefix(of: sighting.rollingProximityIdentifier.bytes)
            index[prefix, default: []].append(position)
            let bit = Int(truncatingIfNeeded: prefix) & ((1 << Self.filterBits) - 1)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.sightings = sorted
        self.index = index
        self.filter = filter
    }

    /// The sightings that `key`'s identifiers explain, in time order.
    public func matches(for key: TemporaryExposureKey) -> [Sighting] {
        let count = Int(key.rollingPeriod)
        let identifiers = TemporaryExposureKey.encryptedPaddedData(
            from: key.rollingStartIntervalNumber, count: count, key: key.rollingProximityIdentifierKey
        )
        var found: [Int] = []
        identifiers.withUnsafeBytes { raw in
            for block in 0..<count {
                let prefix = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16 * block, as: UInt64.self))
                let bit = Int(truncatingIfNeeded: prefix) & ((1 << Self.filterBits) - 1)
                guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let positions = index[prefix] else { continue }
                let rpi = Data(raw[(16 * block)..<(16 * block + 16)])
                let interval = key.rollingStartIntervalNumber.advanced(by: block)
                let earliest = interval.date - Self.timeTolerance
                let latest = interval.date + TimeInterval(ENIntervalNumber.seconds) + Self.timeTolerance
                found += positions.filter {
                    sightings[$0].rollingProximityIdentifier.bytes == rpi && sightings[$0].time >= earliest && sightings[$0].time < latest
                }
            }
        }
        return found.sorted().map { sightings[$0] }
    }

    /// The first eight bytes of an identifier as a number.
    static func prefix(of bytes: Data) -> UInt64 {
        bytes.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    /// Exposure windows for every diagnosis key that matches, ordered by start.
    public func exposureWindows(for keys: [DiagnosisKey]) -> [ExposureWindow] {
        keys.flatMap { windows(for: $0) }.sorted { $0.start < $1.start }
    }

    /// Splits a key's matched sightings into windows of at most 30 minutes and their scans.
    func windows(for diagnosisKey: DiagnosisKey) -> [ExposureWindow] {
        Self.windows(for: diagnosisKey, matched: matches(for: diagnosisKey.key))
    }

    /// Windows of at most 30 minutes from the time-ordered sightings `matched` of one key.
    static func windows(for diagnosisKey: DiagnosisKey, matched: [Sighting]) -> [ExposureWindow] {
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
    private static func attenuation(of sighting: Sighting, key: TemporaryExposureKey) -> Int? {
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
