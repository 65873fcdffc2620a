import ArgumentParser
import CovizoneCore
import CovizoneServer
import CovizoneStore
import ExposureNotification
import ExposureNotificationExport
import Foundation
import Logging

/// Cutting one export batch: N published keys read from the store, sorted, split into files of at
/// most 500,000, serialized, signed and stored. Prints `exposure-export keys=N seconds=S`.
struct ExposureExportBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exposure-export", abstract: "Cut and sign one export batch of N keys.")

    @Option(help: "Published keys in the batch.") var keys = 1_000_000
    @Option(help: "postgres://… to measure PostgreSQL instead of a temporary SQLite file.") var databaseURL: String?

    func run() async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let (database, configuration, folder) = try await openBenchmarkStore(databaseURL: databaseURL) { configuration in
            configuration.exposure.exportDelay = .zero
            configuration.exposure.region = "BENCH\(UInt32.random(in: 0...UInt32.max))"
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        try await ExposureKeyring(database: database, exportKeyID: "452").ensureKeys()

        let now = Date()
        let setupStarted = ContinuousClock.now
        try await publish(count: keys, region: configuration.exposure.region, at: now - 3 * 3600, into: database)
        report("stored \(keys) published keys (setup)", operations: keys, elapsed: ContinuousClock.now - setupStarted)

        let exporter = ExposureExporter(database: database, settings: configuration.exposure, logger: logger)
        let started = ContinuousClock.now
        let result = try await exporter.runCycle()
        let elapsed = ContinuousClock.now - started
        precondition(result.keys == keys, "every key must be exported")
        report("cut \(result.keys) keys into \(result.files) signed files", operations: result.keys, elapsed: elapsed)
        print("exposure-export keys=\(result.keys) seconds=\(String(format: "%.2f", elapsed.timeInterval))")
        try await measurePhases(database: database, region: configuration.exposure.region, around: now - 3 * 3600)
        try await ExportRepository(database: database).deleteBatches(endedBefore: .distantFuture)
        try await ExposureKeyRepository(database: database).deleteExpired(before: .distantFuture)
        try await database.shutdown()
    }

    /// The same work again, phase by phase: reading the keys, then sorting, serializing, signing and zipping.
    private func measurePhases(database: Database, region: String, around time: Date) async throws {
        let readStarted = ContinuousClock.now
        let stored = try await ExposureKeyRepository(database: database).keys(region: region, availableFrom: time - 3600, to: time + 3600)
        let read = ContinuousClock.now - readStarted
        let signer = ExportSigningKey(info: ExportSignatureInfo(keyID: "452", keyVersion: "v1"), privateKey: .init())
        var generator = SystemRandomNumberGenerator()
        let writeStarted = ContinuousClock.now
        let files = try ExportBatchWriter(region: region, signingKeys: [signer]).files(
            start: time, end: time + 3600, keys: stored, revisedKeys: [], using: &generator
        )
        let write = ContinuousClock.now - writeStarted
        print(
            "phases: read \(stored.count) keys \(String(format: "%.2f", read.timeInterval)) s, "
                + "sort+serialize+sign+zip \(files.count) files \(String(format: "%.2f", write.timeInterval)) s"
        )
    }

    /// Stores `count` random keys of the last 14 days in publications of 3,000 (within every engine's bind limit).
    private func publish(count: Int, region: String, at time: Date, into database: Database) async throws {
        var generator = SystemRandomNumberGenerator()
        let repository = ExposureKeyRepository(database: database)
        for chunkStart in stride(from: 0, to: count, by: 3_000) {
            let chunk = (chunkStart..<min(count, chunkStart + 3_000)).map { index in
                AcceptedKey(
                    diagnosisKey: DiagnosisKey(
                        key: TemporaryExposureKey.generate(for: time - TimeInterval(1 + index % 14) * 86_400, using: &generator),
                        reportType: .confirmedTest, daysSinceOnsetOfSymptoms: index % 14 - 4, transmissionRiskLevel: 2
                    ),
                    embargoedUntil: nil
                )
            }
            _ = try await repository.publish(
                KeyPublication(
                    certificateID: "bench-\(region)-\(chunkStart)", certificateExpiresAt: time + 900, keys: chunk, region: region,
                    presentedTokenHash: nil, newTokenHash: Data(repeating: 0, count: 32), now: time,
                    statisticsDay: "2000-01-01"
                )
            )
        }
    }
}

