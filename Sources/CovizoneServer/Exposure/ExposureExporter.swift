import CovizoneCore
import CovizoneStore
import ExposureNotificationExport
import Foundation
import Logging

/// Cuts published keys into signed export files, one batch per closed window of
/// ``ExposureSettings/exportPeriod``, once the window closed ``ExposureSettings/exportDelay`` ago.
/// With several instances on one PostgreSQL only the holder of an advisory lock cuts; the unique
/// window of a batch makes a second cut of the same window impossible anyway.
public struct ExposureExporter: Sendable {
    /// Key of the PostgreSQL advisory lock held while cutting.
    static let lockKey: Int64 = 0x436F_7669_7A45_5850  // "CovizEXP"

    let database: Database
    let keyring: ExposureKeyring
    let settings: ExposureSettings
    let clock: WallClock
    let logger: Logger

    public init(database: Database, settings: ExposureSettings, clock: WallClock = .system, logger: Logger) {
        self.database = database
        self.keyring = ExposureKeyring(database: database, exportKeyID: settings.exportKeyID, clock: clock)
        self.settings = settings
        self.clock = clock
        self.logger = logger
    }

    /// What one cycle did.
    public struct Report: Sendable, Equatable {
        public var batches = 0
        public var files = 0
        public var keys = 0
        /// Another instance held the lock, so this one did nothing.
        public var skipped = false
    }

    /// Cuts every window that is due, then brings the export folder (if one is set) up to date.
    public func runCycle() async throws -> Report {
        let report = try await database.ifLockAvailable(Self.lockKey) { try await cutDueBatches() } ?? Report(skipped: true)
        if let directory = settings.exportDirectory {
            try await ExportMirror(directory: URL(fileURLWithPath: directory), exports: ExportRepository(database: database))
                .sync(region: settings.region)
        }
        return report
    }

    private func cutDueBatches() async throws -> Report {
        let keysStore = ExposureKeyRepository(database: database)
        let exports = ExportRepository(database: database)
        let period = settings.exportPeriod.components.seconds
        let lastDueEnd = Self.floor(clock.now - settings.exportDelay.timeInterval, to: period)
        var report = Report()
        var cursor = try await exports.lastBatchEnd(region: settings.region)
        while true {
            guard let next = try await keysStore.earliestChange(region: settings.region, notBefore: cursor) else { break }
            let start = max(cursor ?? .distantPast, Self.floor(next, to: period))
            let end = start + TimeInterval(period)
            guard end <= lastDueEnd else { break }
            let keys = try await keysStore.keys(region: settings.region, availableFrom: start, to: end)
            let revised = try await keysStore.revisedKeys(region: settings.region, revisedFrom: start, to: end)
            var writer = ExportBatchWriter(region: settings.region, signingKeys: try await keyring.exportSigningKeys())
            writer.minimumKeysPerFile = settings.minimumKeysPerFile
            var generator = SystemRandomNumberGenerator()
            let files = try writer.files(start: start, end: end, keys: keys, revisedKeys: revised, using: &generator)
            let saved = try await exports.saveBatch(
                region: settings.region, start: start, end: end, keyCount: keys.count, revisedKeyCount: revised.count,
                files: files.map { NewExportFile(name: $0.name, batchNumber: $0.batchNumber, keyCount: $0.keyCount, content: $0.zip) },
                now: clock.now
            )
            if saved {
                report.batches += 1
                report.files += files.count
                report.keys += keys.count
                logger.info(
                    "exposure export batch cut",
                    metadata: ["export.start": "\(start.unixSeconds)", "export.keys": "\(keys.count)", "export.files": "\(files.count)"]
                )
            }
            cursor = end
        }
        return report
    }

    /// `date` rounded down to a multiple of `seconds` since the epoch.
    static func floor(_ date: Date, to seconds: Int64) -> Date {
        let value = date.unixSeconds
        return Date(timeIntervalSince1970: TimeInterval(value - ((value % seconds) + seconds) % seconds))
    }
}
