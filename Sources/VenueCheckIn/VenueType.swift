/// The kinds of place that display a check-in QR code, with how long a visit usually lasts
/// (a forgotten check-out ends after that).
public enum VenueType: String, CaseIterable, Codable, Sendable {
    case office
    case hospital
    case school
    case supermarket
    case market
    case lodging
    case restaurant
    case transport
    case pollingStation = "polling-station"
    case other

    /// Minutes a visit lasts when nobody checks out.
    public var defaultStayMinutes: Int {
        switch self {
        case .office, .school: 480
        case .hospital, .transport: 120
        case .supermarket, .other: 60
        case .market, .restaurant: 90
        case .lodging: 720
        case .pollingStation: 30
        }
    }

    /// The number that stands for the type in a QR payload; never reuse or renumber.
    var wireCode: UInt8 {
        switch self {
        case .office: 1
        case .hospital: 2
        case .school: 3
        case .supermarket: 4
        case .market: 5
        case .lodging: 6
        case .restaurant: 7
        case .transport: 8
        case .pollingStation: 9
        case .other: 10
        }
    }

    init?(wireCode: UInt8) {
        guard let type = Self.allCases.first(where: { $0.wireCode == wireCode }) else { return nil }
        self = type
    }
}
