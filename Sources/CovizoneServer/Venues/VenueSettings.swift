import Foundation
import VenueCheckIn

/// The settings venues, check-ins and outbreaks read, taken from the server's configuration once.
struct VenueSettings: Sendable {
    /// The host printed in posters' check-in URLs.
    var publicHost: String
    /// Days a visit is kept (and how old an offline check-in may be).
    var visitRetentionDays: Int
    /// Added to both ends of an outbreak's window when matching visits.
    var outbreakBuffer: TimeInterval
    /// Minutes a visit lasts when nobody checks out, by venue type where configured.
    var stayMinutes: [VenueType: Int]

    /// Minutes a visit at a venue of `type` lasts when nobody checks out.
    func stayMinutes(at type: VenueType) -> Int { stayMinutes[type] ?? type.defaultStayMinutes }
}

extension ServerConfiguration {
    /// The venue settings of this configuration.
    var venueSettings: VenueSettings {
        VenueSettings(
            publicHost: publicHost, visitRetentionDays: visitRetentionDays, outbreakBuffer: TimeInterval(outbreakBufferMinutes * 60),
            stayMinutes: venueStayMinutes
        )
    }
}
