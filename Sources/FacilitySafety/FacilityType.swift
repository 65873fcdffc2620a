/// The kinds of facility on the safety map: crowded places, schools and health facilities first,
/// as the seed asks, then the stations, industrial zones and markets the map grew to.
public enum FacilityType: String, CaseIterable, Codable, Sendable {
    case school
    case healthFacility = "health-facility"
    case market
    case supermarket
    case restaurant
    case lodging
    case transportStation = "transport-station"
    case industrialZone = "industrial-zone"
    case office
    case other
}
