import CovizoneCore
import CovizoneStore
import Foundation
import VenueCheckIn

/// What health authorities read about declared outbreaks, scoped to their province: the
/// outbreaks, each one's exposed visits (the tracer's list), the zoning counts by ward, and the
/// signed notices that phones match on their own.
struct OutbreakDesk: Sendable {
    let environment: AppEnvironment
    /// How many days back the zoning view and the notices look by default.
    static let recentDays = 14

    var outbreaks: OutbreakRepository { OutbreakRepository(database: environment.database) }
    var visits: VisitRepository { VisitRepository(database: environment.database) }
    var venues: VenueRepository { VenueRepository(database: environment.database) }

    /// The outbreak with `id` if it lies in `principal`'s province.
    func outbreak(_ id: Int64, for principal: Principal) async throws -> OutbreakRecord {
        guard let outbreak = try await outbreaks.find(id: id), principal.scope.covers(provinceCode: outbreak.provinceCode) else {
            throw APIError.notFound("Outbreak \(id)")
        }
        return outbreak
    }

    /// The visits exposed by `outbreak` now (late check-ins included), in check-in order.
    func exposedVisits(_ outbreak: OutbreakRecord) async throws -> [VisitRecord] {
        try await visits.overlapping(venueID: outbreak.venueID, start: outbreak.exposureStart, end: outbreak.exposureEnd)
    }

    /// Exposed visitors in one ward of the province, across the recent outbreaks at its venues.
    struct WardZone: Sendable {
        var wardCode: String
        var wardName: String
        var outbreaks: Int
        var exposedVisits: Int
        /// Distinct people (by phone, device or ID number; a visit with none counts alone).
        var exposedVisitors: Int
        var venues: [VenueRecord]
    }

    /// The zoning view: wards with outbreaks declared in the last `days`, most exposed first.
    func zoning(for principal: Principal, days: Int) async throws -> [WardZone] {
        let since = environment.clock.now - TimeInterval(days) * 86_400
        var zones: [String: (outbreaks: Int, visits: Int, visitors: Set<String>, venues: [Int64: VenueRecord])] = [:]
        for outbreak in try await outbreaks.list(provinceCode: principal.scope.provinceCode, since: since, limit: 1000) {
            guard let venue = try await venues.find(id: outbreak.venueID) else { continue }
            let exposed = try await exposedVisits(outbreak)
            var zone = zones[venue.details.wardCode] ?? (0, 0, [], [:])
            zone.outbreaks += 1
            zone.visits += exposed.count
            zone.visitors.formUnion(exposed.map { $0.phone ?? $0.deviceID ?? $0.idNumber ?? "visit \($0.id)" })
            zone.venues[venue.id] = venue
            zones[venue.details.wardCode] = zone
        }
        return zones.map { code, zone in
            WardZone(
                wardCode: code, wardName: environment.divisions.ward(code: code)?.name ?? code, outbreaks: zone.outbreaks,
                exposedVisits: zone.visits, exposedVisitors: zone.visitors.count, venues: zone.venues.values.sorted { $0.id < $1.id }
            )
        }
        .sorted { ($0.exposedVisitors, $1.wardCode) > ($1.exposedVisitors, $0.wardCode) }
    }

    /// Every outbreak whose exposure window ended within the visit retention, signed for phones.
    func notices() async throws -> SignedNoticeList {
        let now = environment.clock.now
        let since = now - TimeInterval(environment.configuration.visitRetentionDays) * 86_400
        let notices = try await outbreaks.list(since: since - 86_400, limit: 10_000).filter { $0.exposureEnd >= since }.reversed().map {
            OutbreakNotice(
                venueHash: OutbreakNotice.venueHash($0.venueID), from: $0.exposureStart.unixSeconds, to: $0.exposureEnd.unixSeconds,
                severity: $0.severity, message: $0.message
            )
        }
        let signer = try await VenueKeyring(keys: SigningKeyRepository(database: environment.database), clock: environment.clock).signingKey()
        return try SignedNoticeList(.init(generatedAt: now.unixSeconds, notices: Array(notices)), keyVersion: signer.version, key: signer.key)
    }
}
