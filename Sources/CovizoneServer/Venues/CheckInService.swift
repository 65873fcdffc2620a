import CovizoneCore
import CovizoneStore
import Foundation
import VenueCheckIn

/// Check-ins: a visitor's own (a genuine pass of an approved venue, checked input), staff
/// check-ins at the door, check-outs, a venue's audited history and the counts officers watch.
/// ``CheckInWriter`` applies the rules that need the visitor's earlier visits.
struct CheckInService: Sendable {
    let passes: VenuePassVerifier
    let approvedVenues: ApprovedVenueCache
    /// Check-ins on their way to the store, written in batches.
    let queue: GroupCommitQueue<PendingCheckIn, CheckIn>
    let visits: VisitRepository
    let statistics: CheckInStatisticsRepository
    let audit: AuditRecorder
    let clock: WallClock
    let settings: VenueSettings

    /// The approved venue a pass names, after checking the pass.
    func venue(forPass qr: String) async throws -> VenueRecord {
        let pass: VenuePass
        do {
            pass = try await passes.verify(qr, now: clock.now)
        } catch let failure as VenuePass.Failure {
            throw CheckInError.invalidPass(failure)
        }
        guard let venue = try await approvedVenues.approvedVenue(pass.venueID) else { throw CheckInError.unknownVenue }
        return venue
    }

    /// A visitor's own check-in from a scanned poster (web page or app): the input is checked
    /// before the pass, so that every problem of the form shows at once.
    func checkIn(qr: String, phone: String?, deviceID: String?, time: String?, checkoutToken: String?) async throws -> CheckIn {
        let input = try SelfCheckIn(
            phone: phone, deviceID: deviceID, time: time, checkoutToken: checkoutToken, now: clock.now, retentionDays: settings.visitRetentionDays
        )
        return try await record(Visitor(input), at: try await venue(forPass: qr), time: input.time)
    }

    /// A check-in that staff of an approved `venue` make for someone without a smartphone.
    func staffCheckIn(_ input: StaffCheckIn, at venue: VenueRecord) async throws -> CheckIn {
        guard venue.status == .approved else { throw VenueError.awaitingApproval(venueID: venue.id) }
        return try await record(Visitor(input), at: venue, time: clock.now)
    }

    /// Ends the open visit `id` for whoever holds its check-out secret.
    func checkOut(visitID id: Int64, token: String) async throws -> VisitRecord {
        guard let visit = try await visits.checkOut(id: id, tokenHash: SecretToken(value: token).hash, at: clock.now), visit.checkedOutAt != nil else {
            throw CheckInError.unknownVisit
        }
        return visit
    }

    /// The venue's visits, newest first, with the read written to the audit log.
    func history(of venue: VenueRecord, beforeID: Int64?, limit: Int, caller: Caller) async throws -> [VisitRecord] {
        let history = try await visits.history(venueID: venue.id, beforeID: beforeID, limit: limit)
        try await audit.record(
            "venues.visits.read", subject: "venues/\(venue.id)", provinceCode: venue.details.provinceCode, detail: "\(history.count) visits (masked)",
            by: caller
        )
        return history
    }

    /// Check-ins per hour, venue type and province over the last `hours` whole hours (the
    /// current one included), within `principal`'s province.
    func counts(hours: Int, for principal: Principal) async throws -> (since: Date, counts: CheckInCounts) {
        let hour = (clock.now.timeIntervalSince1970 / 3600).rounded(.down) * 3600
        let since = Date(timeIntervalSince1970: hour - Double(hours - 1) * 3600)
        return (since, try await statistics.counts(since: since, provinceCode: principal.scope.provinceCode))
    }

    /// Check-ins at one venue on a Vietnam day (`YYYY-MM-DD`).
    struct DayCount: Sendable, Equatable {
        var day: String
        var count: Int
    }

    /// Check-ins at `venue` on each of the last `days` days up to today, oldest first.
    func perDay(at venue: VenueRecord, days: Int) async throws -> [DayCount] {
        let today = VietnamDay.number(of: clock.now)
        let counts = try await statistics.perDay(venueID: venue.id, since: VietnamDay.start(ofNumber: today - days + 1), utcOffset: VietnamDay.utcOffset)
        return (today - days + 1...today).map { DayCount(day: VietnamDay.string(ofNumber: $0), count: counts[$0] ?? 0) }
    }

    /// Stores the visit (or extends the visitor's open one) through the check-in queue.
    private func record(_ visitor: Visitor, at venue: VenueRecord, time: Date) async throws -> CheckIn {
        let stay = TimeInterval(settings.stayMinutes(at: venue.details.type) * 60)
        return try await queue.submit(PendingCheckIn(visitor: visitor, venue: venue, time: time, stay: stay))
    }
}
