import CovizoneCore
import CovizoneStore
import ExposureNotification
import Foundation

/// Exposure notification beyond the device protocol: the national risk configuration phones
/// score with, the statistics health authorities watch, and the signed export files and their
/// public keys that phones download.
struct ExposureService: Sendable {
    let riskConfigurations: RiskConfigurationRepository
    let statistics: ExposureStatisticsRepository
    let exports: ExportRepository
    let keyring: ExposureKeyring
    let audit: AuditRecorder
    let clock: WallClock
    /// The region of this server's export files.
    let region: String
    /// Who reads the statistics: health authorities and the ministry.
    static let statisticsReaders: Set<Role> = [.healthAuthority, .ministryAdmin]

    /// The configuration phones score exposures with: the newest stored, or the standard one.
    func riskConfiguration() async throws -> RiskConfiguration {
        guard let stored = try await riskConfigurations.latest() else { return .standard }
        return try JSONDecoder().decode(RiskConfiguration.self, from: Data(stored.json.utf8))
    }

    /// Stores a new risk configuration of a national account; its version must be greater.
    func replaceRiskConfiguration(with proposed: RiskConfiguration, by principal: Principal, caller: Caller) async throws {
        guard principal.user.provinceCode == nil else { throw ExposureError.nationalOnly }
        try ValidationFailure.check(proposed.problems().map { FieldError(field: "configuration", message: $0) })
        let current = try await riskConfiguration()
        guard proposed.version > current.version else { throw ExposureError.staleVersion(current: current.version) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try await riskConfigurations.insert(
            StoredRiskConfiguration(
                version: proposed.version, json: String(decoding: try encoder.encode(proposed), as: UTF8.self), createdBy: principal.user.id,
                createdAt: clock.now
            )
        )
        try await audit.record("exposure.risk.update", subject: "exposure_risk_configurations/\(proposed.version)", by: caller)
    }

    /// The statistics of the last ``ExposureStatistics/days`` Vietnam days, codes within `principal`'s province.
    func statistics(for principal: Principal) async throws -> ExposureStatistics {
        let today = VietnamDay.number(of: clock.now)
        let dayNumbers = Array((today - ExposureStatistics.days + 1)...today)
        let firstDay = VietnamDay.start(ofNumber: dayNumbers[0])
        let published = try await statistics.publishesPerDay(from: VietnamDay.string(ofNumber: dayNumbers[0]))
        let byDay = Dictionary(published.map { ($0.day, $0) }, uniquingKeysWith: { first, _ in first })
        let province = principal.user.provinceCode
        let issued = try await statistics.codesIssuedPerDay(provinceCode: province, since: firstDay, utcOffset: VietnamDay.utcOffset)
        let used = try await statistics.codesUsedPerDay(provinceCode: province, since: firstDay, utcOffset: VietnamDay.utcOffset)
        let batches = try await exports.batches(region: region, limit: 24)
        return ExposureStatistics(
            uploads: dayNumbers.reversed().map { number in
                let day = VietnamDay.string(ofNumber: number)
                guard let count = byDay[day], count.first >= ExposureStatistics.minimumShownUploads else {
                    return ExposureStatistics.UploadDay(day: day, uploads: nil, keys: nil)
                }
                return ExposureStatistics.UploadDay(day: day, uploads: count.first, keys: count.second)
            },
            codes: dayNumbers.reversed().map { ExposureStatistics.CodesDay(day: VietnamDay.string(ofNumber: $0), issued: issued[$0] ?? 0, used: used[$0] ?? 0) },
            batches: batches.map {
                ExposureStatistics.Batch(start: $0.start, end: $0.end, keys: $0.keyCount, revisedKeys: $0.revisedKeyCount, files: $0.fileCount)
            }
        )
    }

    /// The names of the export files of `requested`, which must be this server's region.
    func exportFileNames(region requested: String) async throws -> [String] {
        try checkRegion(requested)
        return try await exports.fileNames(region: region)
    }

    /// The bytes of export file `name` of `requested`.
    func exportFile(region requested: String, name: String) async throws -> Data {
        try checkRegion(requested)
        guard name.hasSuffix(".zip"), let content = try await exports.file(region: region, name: name) else { throw ExposureError.exportFileNotFound(name) }
        return content
    }

    /// The keys export files are signed with, and whether each is in use now.
    func exportSigningKeys() async throws -> [(key: StoredSigningKey, active: Bool)] {
        let now = clock.now
        return try await keyring.exportKeys().map { ($0, $0.isActive(at: now)) }
    }

    private func checkRegion(_ requested: String) throws {
        guard requested == region else { throw ExposureError.unknownRegion(requested) }
    }
}
