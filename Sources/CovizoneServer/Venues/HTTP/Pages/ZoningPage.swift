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

    init(days: Int, zones: [OutbreakService.WardZone]) {
        self.days = days
        wards = zones.map { zone in
            Ward(
                wardCode: zone.wardCode, wardName: zone.wardName, outbreaks: zone.outbreaks, exposedVisits: zone.exposedVisits,
                exposedVisitors: zone.exposedVisitors, venues: zone.venues.map { VenueLink(id: $0.id, name: $0.details.name) }
            )
        }
        hasWards = !wards.isEmpty
    }
}
