import Foundation

/// Private mode: the phone keeps its check-ins to itself and tells the user when a downloaded
/// outbreak notice matches one. Nothing here talks to the server; the app stores the log
/// (`Codable`) and feeds it scanned passes and verified notices.
public struct PrivateVisitLog: Codable, Equatable, Sendable {
    /// A visit kept on the phone.
    public struct Visit: Codable, Equatable, Sendable {
        public var venueID: Int64
        public var venueName: String
        public var arrivedAt: Date
        public var leftAt: Date
        public var checkedOut: Bool
    }

    /// A visit and the notice it falls in.
    public struct Match: Equatable, Sendable {
        public var visit: Visit
        public var notice: OutbreakNotice
    }

    public private(set) var visits: [Visit] = []

    public init() {}

    /// Records a scan of a verified pass. A re-scan of the same venue during the stay extends
    /// that visit; `stay` is how long a visit lasts without a check-out.
    public mutating func checkIn(_ pass: VenuePass, at time: Date, stay: TimeInterval? = nil) {
        let length = stay ?? TimeInterval(pass.type.defaultStayMinutes * 60)
        if let index = visits.lastIndex(where: { $0.venueID == pass.venueID && !$0.checkedOut && $0.arrivedAt <= time && time < $0.leftAt }) {
            visits[index].leftAt = max(visits[index].leftAt, time + length)
            return
        }
        visits.append(Visit(venueID: pass.venueID, venueName: pass.name, arrivedAt: time, leftAt: time + length, checkedOut: false))
    }

    /// Ends the open visit at `venueID` at `time`; false when there is none.
    @discardableResult
    public mutating func checkOut(venueID: Int64, at time: Date) -> Bool {
        guard let index = visits.lastIndex(where: { $0.venueID == venueID && !$0.checkedOut && $0.arrivedAt <= time }) else { return false }
        visits[index].leftAt = min(visits[index].leftAt, max(time, visits[index].arrivedAt))
        visits[index].checkedOut = true
        return true
    }

    /// Forgets visits that began before `cutoff` (the phone keeps no more than the server would).
    public mutating func forget(before cutoff: Date) {
        visits.removeAll { $0.arrivedAt < cutoff }
    }

    /// Every visit that a notice covers, in visit order.
    public func matches(_ notices: [OutbreakNotice]) -> [Match] {
        visits.flatMap { visit in
            notices.filter { $0.matches(venueID: visit.venueID, arrivedAt: visit.arrivedAt, leftAt: visit.leftAt) }.map { Match(visit: visit, notice: $0) }
        }
    }
}
