import CovizoneCore
import CovizoneStore
import Foundation
import VenueCheckIn

/// Records batches of check-ins (handed over by a ``GroupCommitQueue``) with a few statements per
/// batch: one read of the visitors' recent visits, one insert of the new visits, one look-up of
/// outbreaks at their venues. The rules: at most ``maximumCheckInsPerHour`` per visitor; a re-scan
/// during the stay by whoever made the visit (same app, or holding its check-out secret) extends
/// it instead of adding one; a visit, new or extended, that falls in an outbreak already declared
/// there is counted as exposed and its warning given in the answer (texted only when venue staff
/// made the check-in: anonymous check-ins must not make the server text any number).
struct CheckInWriter: Sendable {
    let database: Database
    let clock: WallClock
    /// Most check-ins one phone or device may make in an hour.
    static let maximumCheckInsPerHour = 30
    /// Most check-ins one batch takes.
    static let maximumBatch = 256

    var visits: VisitRepository { VisitRepository(database: database) }
    var outbreaks: OutbreakRepository { OutbreakRepository(database: database) }

    /// The queue that check-ins go through.
    static func queue(database: Database, clock: WallClock) -> GroupCommitQueue<PendingCheckIn, CheckIn> {
        let writer = CheckInWriter(database: database, clock: clock)
        return GroupCommitQueue(maximumBatch: maximumBatch) { try await writer.write($0) }
    }

    /// Records `requests`, one outcome each. A visitor's second check-in in one batch waits for a
    /// later round, so that it sees the first (the flood limit counts it, a re-scan extends it).
    func write(_ requests: [PendingCheckIn]) async throws -> [Result<CheckIn, any Error>] {
        var outcomes = [Result<CheckIn, any Error>?](repeating: nil, count: requests.count)
        var remaining = Array(requests.indices)
        while !remaining.isEmpty {
            var visitorsInRound: Set<String> = []
            let (round, later) = remaining.partitioned { index in
                guard let key = requests[index].visitor.key else { return true }
                return visitorsInRound.insert(key).inserted
            }
            let roundOutcomes = try await writeRound(round.map { requests[$0] })
            for (index, outcome) in zip(round, roundOutcomes) { outcomes[index] = outcome }
            remaining = later
        }
        return outcomes.map { $0! }
    }

    /// Records check-ins of different visitors.
    private func writeRound(_ requests: [PendingCheckIn]) async throws -> [Result<CheckIn, any Error>] {
        let now = clock.now
        let since = requests.map { min(now - 3600, $0.time - VisitRepository.longestVisit) }.min() ?? now
        let earlier = try await visits.visits(
            phones: Set(requests.compactMap(\.visitor.phone)),
            deviceIDs: Set(requests.filter { $0.visitor.phone == nil }.compactMap(\.visitor.deviceID)), since: since
        )
        let byPhone = Dictionary(grouping: earlier.filter { $0.phone != nil }, by: { $0.phone! })
        let byDevice = Dictionary(grouping: earlier.filter { $0.deviceID != nil }, by: { $0.deviceID! })
        var outcomes = [Result<CheckIn, any Error>?](repeating: nil, count: requests.count)
        var newVisits: [(index: Int, visit: NewVisit, token: SecretToken)] = []
        var recorded: [(index: Int, checkIn: CheckIn, before: VisitRecord?)] = []
        for (index, request) in requests.enumerated() {
            let visitor = request.visitor
            let own = visitor.phone.map { byPhone[$0] ?? [] } ?? visitor.deviceID.map { byDevice[$0] ?? [] } ?? []
            guard own.count(where: { $0.checkedInAt >= now - 3600 }) < Self.maximumCheckInsPerHour else {
                outcomes[index] = .failure(CheckInError.tooManyCheckIns(retryAfterSeconds: 3600))
                continue
            }
            let token = SecretToken()
            if let open = own.last(where: { $0.isOpen(at: request.venue.id, time: request.time) && visitor.made($0) }) {
                let end = min(max(open.expectedCheckOutAt, request.time + request.stay), open.checkedInAt + VisitRepository.longestVisit)
                if let extended = try await visits.extend(id: open.id, until: end, tokenHash: token.hash) {
                    recorded.append((index, CheckIn(visit: extended, venue: request.venue, checkoutToken: token.value, isNew: false), open))
                    continue
                }
            }
            newVisits.append((index, Self.newVisit(request, tokenHash: token.hash), token))
        }
        let created = try await visits.create(newVisits.map(\.visit))
        for (entry, visit) in zip(newVisits, created) {
            recorded.append((entry.index, CheckIn(visit: visit, venue: requests[entry.index].venue, checkoutToken: entry.token.value, isNew: true), nil))
        }
        for (index, checkIn) in try await exposeToDeclaredOutbreaks(recorded, at: now) { outcomes[index] = .success(checkIn) }
        return outcomes.map { $0! }
    }

    /// Counts each recorded visit as exposed by the outbreaks already declared at its venue that it
    /// now overlaps (and, for a visit a re-scan extended, did not overlap `before`), and gives their
    /// warnings; one look-up of outbreaks for the whole round.
    private func exposeToDeclaredOutbreaks(_ recorded: [(index: Int, checkIn: CheckIn, before: VisitRecord?)], at now: Date) async throws
        -> [(index: Int, checkIn: CheckIn)]
    {
        let earlier = recorded.compactMap(\.before)
        let overlapping = try await outbreaks.overlapping(recorded.map(\.checkIn.visit) + earlier)
        let overlappedBefore = Dictionary(zip(earlier.map(\.id), overlapping.suffix(earlier.count).map { Set($0.map(\.id)) })) { first, _ in first }
        var exposed: [(index: Int, checkIn: CheckIn)] = []
        for ((index, checkIn, before), found) in zip(recorded, overlapping) {
            var checkIn = checkIn
            let already = before.flatMap { overlappedBefore[$0.id] } ?? []
            for outbreak in found where !already.contains(outbreak.id) {
                let warning = OutbreakWarning.text(venueName: checkIn.venue.details.name, visitStart: checkIn.visit.checkedInAt, message: outbreak.message)
                let texted = checkIn.visit.entryMethod == .staff
                try await outbreaks.addExposedVisit(checkIn.visit, to: outbreak, warning: texted ? warning : nil, at: now)
                checkIn.outbreakWarnings.append(warning)
            }
            exposed.append((index, checkIn))
        }
        return exposed
    }

    private static func newVisit(_ request: PendingCheckIn, tokenHash: Data) -> NewVisit {
        NewVisit(
            venueID: request.venue.id, provinceCode: request.venue.details.provinceCode, wardCode: request.venue.details.wardCode,
            phone: request.visitor.phone, deviceID: request.visitor.deviceID, entryMethod: request.visitor.entryMethod,
            checkedInAt: request.time, expectedCheckOutAt: request.time + request.stay, tokenHash: tokenHash,
            personName: request.visitor.personName, idNumber: request.visitor.idNumber
        )
    }
}

extension Array {
    /// The elements for which `belongs` is true, and the others, each in order.
    fileprivate func partitioned(by belongs: (Element) -> Bool) -> (matching: [Element], others: [Element]) {
        var matching: [Element] = []
        var others: [Element] = []
        for element in self {
            if belongs(element) { matching.append(element) } else { others.append(element) }
        }
        return (matching, others)
    }
}
