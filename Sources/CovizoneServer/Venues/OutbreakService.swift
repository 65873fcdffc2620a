import CovizoneCore
import CovizoneStore
import Foundation
import VenueCheckIn

/// Outbreaks at venues, scoped to the health authority's province: declaring one (which counts
/// and warns the visits it exposed), the list, each one's exposed visits (the tracer's list,
/// audited), the zoning counts by ward, the SMS warnings queued, and the signed notices that
/// phones match on their own.
struct OutbreakService: Sendable {
    let outbreaks: OutbreakRepository
    let visits: VisitRepository
    let venues: VenueService
    let audit: AuditRecorder
    let clock: WallClock
    let settings: VenueSettings
    /// How many days back the zoning view looks by default.
    static let recentDays = 14

    /// Checks and records a declaration at a venue of the authority's province.
    func declare(venueID: Int64, from: String, to: String, message: String, severity: String, by principal: Principal, caller: Caller) async throws
        -> OutbreakRecord
    {
        let now = clock.now
        let declaration = try OutbreakDeclaration(venueID: venueID, from: from, to: to, message: message, severity: severity, now: now)
        let venue = try await venues.venue(venueID, for: principal)
        let venueName = venue.details.name
        let outbreak = try await outbreaks.declare(
            NewOutbreak(
                venueID: venue.id, provinceCode: venue.details.provinceCode, from: declaration.from, to: declaration.to, message: declaration.message,
                severity: declaration.severity, declaredBy: principal.user.id, declaredAt: now, buffer: settings.outbreakBuffer
            ),
            warning: { visit in OutbreakWarning.text(venueName: venueName, visitStart: visit.checkedInAt, message: declaration.message) }
        )
        try await audit.record(
            "outbreaks.declare", subject: "outbreaks/\(outbreak.id)", provinceCode: venue.details.provinceCode,
            detail: "venue \(venue.id), \(outbreak.exposedVisits) exposed visits", by: caller
        )
        return outbreak
    }

    /// The outbreak with `id` if it lies in `principal`'s province.
    func outbreak(_ id: Int64, for principal: Principal) async throws -> OutbreakRecord {
        guard let outbreak = try await outbreaks.find(id: id), principal.scope.covers(provinceCode: outbreak.provinceCode) else {
            throw OutbreakError.notFound(outbreakID: id)
        }
        return outbreak
    }

    /// The outbreaks of `principal`'s province (at one venue when `venueID` is given), newest first.
    func list(venueID: Int64? = nil, for principal: Principal, limit: Int) async throws -> [OutbreakRecord] {
        try await outbreaks.list(venueID: venueID, provinceCode: principal.scope.provinceCode, limit: limit)
    }

    /// The outbreak history of a venue its viewer may see.
    func history(of venue: VenueRecord) async throws -> [OutbreakRecord] {
        try await outbreaks.list(venueID: venue.id, limit: 100)
    }

    /// The names of the venues of `outbreaks`, by venue id.
    func venueNames(of outbreaks: [OutbreakRecord]) async throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for id in Set(outbreaks.map(\.venueID)) { names[id] = try await venues.venues.find(id: id)?.details.name }
        return names
    }

    /// The visits exposed by `outbreak` now (late check-ins included), in check-in order, with
    /// the read written to the audit log.
    func tracedVisits(_ outbreak: OutbreakRecord, caller: Caller) async throws -> [VisitRecord] {
        let exposed = try await exposedVisits(outbreak)
        try await audit.record(
            "outbreaks.visitors.read", subject: "outbreaks/\(outbreak.id)", provinceCode: outbreak.provinceCode,
            detail: "\(exposed.count) exposed visits", by: caller
        )
        return exposed
    }

    /// The SMS warnings of the province's outbreaks, newest first.
    func queuedWarnings(for principal: Principal, limit: Int) async throws -> [QueuedWarning] {
        try await outbreaks.queuedWarnings(provinceCode: principal.scope.provinceCode, limit: limit)
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
        let since = clock.now - TimeInterval(days) * 86_400
        var zones: [String: (outbreaks: Int, visits: Int, visitors: Set<String>, venues: [Int64: VenueRecord])] = [:]
        for outbreak in try await outbreaks.list(provinceCode: principal.scope.provinceCode, since: since, limit: 1000) {
            guard let venue = try await venues.venues.find(id: outbreak.venueID) else { continue }
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
                wardCode: code, wardName: venues.divisions.ward(code: code)?.name ?? code, outbreaks: zone.outbreaks,
                exposedVisits: zone.visits, exposedVisitors: zone.visitors.count, venues: zone.venues.values.sorted { $0.id < $1.id }
            )
        }
        .sorted { ($0.exposedVisitors, $1.wardCode) > ($1.exposedVisitors, $0.wardCode) }
    }

    /// Every outbreak whose exposure window ended within the visit retention, signed for phones.
    func notices() async throws -> SignedNoticeList {
        let now = clock.now
        let since = now - TimeInterval(settings.visitRetentionDays) * 86_400
        let notices = try await outbreaks.list(since: since - 86_400, limit: 10_000).filter { $0.exposureEnd >= since }.reversed().map {
            OutbreakNotice(
                venueHash: OutbreakNotice.venueHash($0.venueID), from: $0.exposureStart.unixSeconds, to: $0.exposureEnd.unixSeconds,
                severity: $0.severity, message: $0.message
            )
        }
        let signer = try await venues.keyring.signingKey()
        return try SignedNoticeList(.init(generatedAt: now.unixSeconds, notices: Array(notices)), keyVersion: signer.version, key: signer.key)
    }

    private func exposedVisits(_ outbreak: OutbreakRecord) async throws -> [VisitRecord] {
        try await visits.overlapping(venueID: outbreak.venueID, start: outbreak.exposureStart, end: outbreak.exposureEnd)
    }
}
