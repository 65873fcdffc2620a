import CovizoneCore
import ExposureNotification
import Foundation

/// Cuts one batch window of published keys into signed export files: at most
/// ``maximumKeysPerFile`` keys each, each padded with random keys up to a minimum so that a file's
/// size does not tell how many people uploaded, named `{start}-{end}-{n}.zip` as GAEN servers do.
public struct ExportBatchWriter: Sendable {
    public var region: String
    public var signingKeys: [ExportSigningKey]
    public var maximumKeysPerFile = 500_000
    /// A file with fewer real keys gets random keys up to this many plus 0…``paddingJitter``; 0 turns padding off.
    public var minimumKeysPerFile = 1_000
    public var paddingJitter = 100

    public init(region: String, signingKeys: [ExportSigningKey]) {
        self.region = region
        self.signingKeys = signingKeys
    }

    /// One file of a batch.
    public struct File: Sendable {
        public var name: String
        public var batchNumber: Int
        /// Real keys in the file (padding not counted).
        public var keyCount: Int
        public var zip: Data
    }

    /// The files of window `[start, end)`, none when there is nothing to publish.
    public func files<Generator: RandomNumberGenerator>(
        start: Date, end: Date, keys: [DiagnosisKey], revisedKeys: [DiagnosisKey], using generator: inout Generator
    ) throws -> [File] {
        guard !keys.isEmpty || !revisedKeys.isEmpty else { return [] }
        let sorted = ExposureKeyExport.sortedByKeyData(keys)
        let chunks = stride(from: 0, to: max(sorted.count, 1), by: maximumKeysPerFile).map {
            Array(sorted[$0..<min($0 + maximumKeysPerFile, sorted.count)])
        }
        return try chunks.enumerated().map { index, chunk in
            let padding = padding(for: chunk, allKeys: sorted + revisedKeys, start: start, using: &generator)
            let export = ExposureKeyExport(
                startTimestamp: start, endTimestamp: end, region: region, batchNumber: index + 1, batchSize: chunks.count,
                signatureInfos: signingKeys.map(\.info), keys: chunk + padding, revisedKeys: index == 0 ? revisedKeys : []
            )
            let name = "\(start.unixSeconds)-\(end.unixSeconds)-\(String(format: "%05d", index + 1)).zip"
            return File(
                name: name, batchNumber: index + 1, keyCount: chunk.count,
                zip: try ExportArchive(export: export, signedWith: signingKeys).zipped()
            )
        }
    }

    /// Random keys that look like the real ones (same days, periods and report types).
    private func padding<Generator: RandomNumberGenerator>(
        for chunk: [DiagnosisKey], allKeys: [DiagnosisKey], start: Date, using generator: inout Generator
    ) -> [DiagnosisKey] {
        guard minimumKeysPerFile > 0 else { return [] }
        let wanted = minimumKeysPerFile + Int.random(in: 0...max(0, paddingJitter), using: &generator) - chunk.count
        guard wanted > 0 else { return [] }
        let fallback = DiagnosisKey(
            key: TemporaryExposureKey.generate(for: start - 86_400, using: &generator), reportType: .confirmedTest, transmissionRiskLevel: 2
        )
        return (0..<wanted).map { _ in
            var key = allKeys.randomElement(using: &generator) ?? fallback
            let randomBytes = Data.random(count: TemporaryExposureKey.length, using: &generator)
            key.key = (try? TemporaryExposureKey(
                keyData: randomBytes, rollingStartIntervalNumber: key.key.rollingStartIntervalNumber, rollingPeriod: key.key.rollingPeriod
            )) ?? fallback.key
            return key
        }
    }
}
