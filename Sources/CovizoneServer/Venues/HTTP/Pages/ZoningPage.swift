import Charts

/// The model of `GET /outbreaks/zoning`: exposed visitors by ward over the last days.
struct ZoningPage: Sendable {
    struct VenueLink: Sendable {
        var id: Int64
        var name: String
    }

    struct Ward: Sendable {
        var wardCode: String
        var wardName: String
        var outbreaks: Int
        var exposedVisits: Int
        var exposedVisitors: Int
        var venues: [VenueLink]
    }

    var days: Int
    var wards: [Ward]
    /// Whether there is anything to show.
    var hasWards: Bool
    /// Exposed visitors per ward as an SVG chart.
    var chart: String

    init(days: Int, zones: [OutbreakService.WardZone], text: PageText) {
        self.days = days
        wards = zones.map { zone in
            Ward(
                wardCode: zone.wardCode, wardName: zone.wardName, outbreaks: zone.outbreaks, exposedVisits: zone.exposedVisits,
                exposedVisitors: zone.exposedVisitors, venues: zone.venues.map { VenueLink(id: $0.id, name: $0.details.name) }
            )
        }
        hasWards = !wards.isEmpty
        chart = Self.chart(wards, text: text)
    }

    private static func chart(_ wards: [Ward], text: PageText) -> String {
        guard let most = wards.max(by: { $0.exposedVisitors < $1.exposedVisitors }) else { return "" }
        return Chart(
            style: .bars, title: text("zoning_visitors"), summary: text("zoning_chart", ["ward": most.wardName, "count": String(most.exposedVisitors)]),
            categories: wards.map(\.wardName), series: [Chart.Series(name: text("zoning_visitors"), values: wards.map { Double($0.exposedVisitors) })]
        ).svg()
    }
}
