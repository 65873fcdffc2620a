/// A locality's epidemic risk as the province's health authority sets it per ward, in the four
/// levels and colours of the national locality risk map.
public enum WardRiskLevel: String, CaseIterable, Codable, Sendable {
    /// Blue: new normal.
    case normal
    /// Yellow.
    case risky
    /// Orange.
    case high
    /// Red.
    case veryHigh = "very-high"
}
