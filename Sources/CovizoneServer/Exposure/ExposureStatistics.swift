import CovizoneCore
import CovizoneStore
import Foundation

/// What health authorities see of exposure notification: uploads per day (days with fewer than
/// ``minimumShownUploads`` are shown as "fewer than 10", so a single upload cannot be singled
/// out), upload codes issued and used per day in their province, and the latest export batches.
struct ExposureStatistics: Encodable, Sendable {
    /// Fewer uploads than this on a day are not shown as a number.
    static let minimumShownUploads = 10
    /// Days shown, today included.
    static let days = 14

    struct UploadDay: Encodable, Sendable {
        var day: String
        /// Nil when fewer than ``minimumShownUploads``.
        var uploads: Int?
        var keys: Int?
    }

    struct CodesDay: Encodable, Sendable {
        var day: String
        var issued: Int
        var used: Int
    }

    struct Batch: Encodable, Sendable {
        /// ISO 8601, UTC.
        var start: String
        var end: String
        var keys: Int
        var revisedKeys: Int
        var files: Int
    }

    var uploads: [UploadDay]
    var codes: [CodesDay]
    var batches: [Batch]

    /// The statistics `principal` may see at `now`: codes of its province, or of all for a national account.
    static func load(for principal: Principal, environment: AppEnvironment) async throws -> ExposureStatistics {
        let today = VietnamDay.number(of: environment.clock.now)
        let dayNumbers = Array((today - days + 1)...today)
        let firstDay = VietnamDay.start(ofNumber: dayNumbers[0])
        let repository = ExposureStatisticsRepository(database: environment.database)
        let published = try await repository.publishesPerDay(from: VietnamDay.string(ofNumber: dayNumbers[0]))
        let byDay = Dictionary(published.map { ($0.day, $0) }, uniquingKeysWith: { first, _ in first })
        let province = principal.user.provinceCode
        let issued = try await repository.codesIssuedPerDay(provinceCode: province, since: firstDay, utcOffset: VietnamDay.utcOffset)
        let used = try await repository.codesUsedPerDay(provinceCode: province, since: firstDay, utcOffset: VietnamDay.utcOffset)
        let batches = try await ExportRepository(database: environment.database).batches(region: environment.configuration.exposure.region, limit: 24)
        return ExposureStatistics(
            uploads: dayNumbers.reversed().map { number in
                let day = VietnamDay.string(ofNumber: number)
                guard let count = byDay[day], count.first >= minimumShownUploads else { return UploadDay(day: day, uploads: nil, keys: nil) }
                return UploadDay(day: day, uploads: count.first, keys: count.second)
            },
            codes: dayNumbers.reversed().map { CodesDay(day: VietnamDay.string(ofNumber: $0), issued: issued[$0] ?? 0, used: used[$0] ?? 0) },
            batches: batches.map {
                Batch(
                    start: $0.start.formatted(.iso8601), end: $0.end.formatted(.iso8601), keys: $0.keyCount, revisedKeys: $0.revisedKeyCount,
                    files: $0.fileCount
                )
            }
        )
    }
}
