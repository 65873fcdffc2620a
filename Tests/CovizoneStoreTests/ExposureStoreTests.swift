import CovizoneStore
import CovizoneTestSupport
import ExposureNotification
import Foundation
import Testing

@Suite("Exposure keys and export files in the store")
struct ExposureStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Keys of the last `days` days, confirmed by a test; the newest embargoed for `embargo`.
    func keys(days: Int, embargo: TimeInterval? = nil) -> [AcceptedKey] {
        (0..<days).map { day in
            AcceptedKey(
                diagnosisKey: DiagnosisKey(key: TemporaryExposureKey.generate(for: now - TimeInterval(day + 1) * 86_400), reportType: .confirmedTest),
                embargoedUntil: day == 0 ? embargo.map { now + $0 } : nil
            )
        }
    }

    func publication(_ keys: [AcceptedKey], certificate: String, presented: Data? = nil) -> KeyPublication {
        KeyPublication(
            certificateID: certificate, certificateExpiresAt: now + 900, keys: keys, region: "VN", presentedTokenHash: presented,
            newTokenHash: Data(repeating: 7, count: 32), now: now, statisticsDay: "2027-01-15"
        )
    }

    @Test("a certificate publishes once; keys become exportable when published or when their embargo ends", arguments: TestEngine.available)
    func publishing(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let repository = ExposureKeyRepository(database: database)
            let keys = keys(days: 3, embargo: 3600)
            let plan = try await repository.publish(publication(keys, certificate: "cert-1"))
            #expect(plan.newKeys.count == 3 && plan.revisedKeys.isEmpty)
            await #expect(throws: PublishRejection.self, "the same certificate again") {
                try await repository.publish(publication(keys, certificate: "cert-1"))
            }
            let published = try await repository.keys(region: "VN", availableFrom: now, to: now + 1)
            #expect(Set(published.map(\.key.keyData)) == Set(keys.dropFirst().map(\.diagnosisKey.key.keyData)), "the embargoed key waits")
            #expect(try await repository.keys(region: "VN", availableFrom: now + 3600, to: now + 3601).map(\.key.keyData) == [keys[0].diagnosisKey.key.keyData])
            #expect(try await repository.keys(region: "LA", availableFrom: now, to: now + 7200).isEmpty, "regions apart")
            #expect(try await repository.earliestChange(region: "VN", notBefore: now + 1) == now + 3600)
            let today = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
            #expect(try await repository.deleteExpired(before: today) == 2, "keys that stopped rolling before yesterday began go")
        }
    }

    @Test("a batch window is cut once; its files are listed oldest first, served by name, and purged with it", arguments: TestEngine.available)
    func exportBatches(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let exports = ExportRepository(database: database)
            let first = [NewExportFile(name: "1800000000-00001.zip", batchNumber: 1, keyCount: 3, content: Data([1, 2, 3]))]
            let cut = try await exports.saveBatch(region: "VN", start: now - 3600, end: now, keyCount: 3, revisedKeyCount: 0, files: first, now: now)
            let cutAgain = try await exports.saveBatch(region: "VN", start: now - 3600, end: now, keyCount: 3, revisedKeyCount: 0, files: first, now: now)
            #expect(cut && !cutAgain, "another instance cut the same window")
            let second = [NewExportFile(name: "1800003600-00001.zip", batchNumber: 1, keyCount: 1, content: Data([4]))]
            let next = try await exports.saveBatch(region: "VN", start: now, end: now + 3600, keyCount: 1, revisedKeyCount: 1, files: second, now: now + 3600)
            #expect(next)
            #expect(try await exports.fileNames(region: "VN") == ["1800000000-00001.zip", "1800003600-00001.zip"])
            #expect(try await exports.file(region: "VN", name: "1800003600-00001.zip") == Data([4]))
            #expect(try await exports.file(region: "LA", name: "1800003600-00001.zip") == nil)
            #expect(try await exports.lastBatchEnd(region: "VN") == now + 3600)
            #expect(try await exports.batches(region: "VN", limit: 10).map(\.revisedKeyCount) == [1, 0], "newest first")
            #expect(try await exports.deleteBatches(endedBefore: now + 1) == 1)
            #expect(try await exports.fileNames(region: "VN") == ["1800003600-00001.zip"])
        }
    }
}
