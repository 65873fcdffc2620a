import Charts
import CovizoneCore
import CovizoneStore
import Foundation

/// The model of `GET /venues/{id}`: the venue's details, its outbreak history and its entry/exit
/// history with phones and ID numbers masked.
struct VenuePage: Sendable {
    struct Details: Sendable {
        var id: Int64
        var name: String
        var address: String
        var type: String
        var ward: String
        var state: String
        var stay: Int
        var approved: Bool
    }

    struct Visit: Sendable {
        var checkedInAt: String
        var endedAt: String
        var checkedOut: Bool
        var who: String
        var method: String
    }

    var venue: Details
    var isStaff: Bool
    var canDeclare: Bool
    var outbreaks: [OutbreakSummary]
    var hasOutbreaks: Bool
    var visits: [Visit]
    var hasVisits: Bool
    /// Check-ins per day over the last week as an SVG chart ("" when there were none).
    var perDayChart: String

    init(
        _ venue: VenueRecord, stayMinutes: Int, role: Role, outbreaks: [OutbreakRecord], visits: [VisitRecord], perDay: [CheckInService.DayCount],
        text: PageText, divisions: AdministrativeDivisions
    ) {
        self.venue = Details(
            id: venue.id, name: venue.details.name, address: venue.details.address, type: text("venue_type_\(venue.details.type.rawValue)"),
            ward: divisions.ward(code: venue.details.wardCode)?.name ?? venue.details.wardCode, state: text("venue_state_\(venue.status.rawValue)"),
            stay: stayMinutes, approved: venue.status == .approved
        )
        isStaff = VenueVisitsController.staff.contains(role)
        canDeclare = role == .healthAuthority
        self.outbreaks = outbreaks.map { OutbreakSummary($0, venueName: venue.details.name, text: text) }
        hasOutbreaks = !outbreaks.isEmpty
        self.visits = visits.map { visit in
            Visit(
                checkedInAt: PageText.time(visit.checkedInAt), endedAt: PageText.time(visit.endedAt), checkedOut: visit.checkedOutAt != nil,
                who: visit.phone.map(Masked.phone) ?? visit.idNumber.map(Masked.idNumber) ?? "–", method: text("entry_\(visit.entryMethod.rawValue)")
            )
        }
        hasVisits = !visits.isEmpty
        perDayChart = Self.chart(perDay, text: text)
    }

    private static func chart(_ days: [CheckInService.DayCount], text: PageText) -> String {
        let total = days.map(\.count).reduce(0, +)
        guard total > 0, let busiest = days.max(by: { $0.count < $1.count }) else { return "" }
        return Chart(
            style: .bars, title: text("venue_chart_title"),
            summary: text("venue_chart", ["total": String(total), "days": String(days.count), "day": busiest.day, "count": String(busiest.count)]),
            categories: days.map { String($0.day.suffix(5)) }, series: [Chart.Series(name: text("checkins_count"), values: days.map { Double($0.count) })]
        ).svg(height: 200)
    }
}
