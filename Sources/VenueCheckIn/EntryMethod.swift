/// How a visit was recorded. The raw values are the strings of the API, the store and the CSV.
public enum EntryMethod: String, Codable, Sendable, CaseIterable {
    /// The web check-in page a phone's camera opened from the poster.
    case qrWeb = "qr-web"
    /// A Covizone app that scanned the poster.
    case qrApp = "qr-app"
    /// Venue staff at the door, for someone without a smartphone.
    case staff
}
