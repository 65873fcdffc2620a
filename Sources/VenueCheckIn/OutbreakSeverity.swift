/// How serious a declared outbreak is. The raw values are the strings of the API, the store and
/// the signed notices phones read.
public enum OutbreakSeverity: String, Codable, Sendable, CaseIterable {
    case high
    case medium
    case low
}
