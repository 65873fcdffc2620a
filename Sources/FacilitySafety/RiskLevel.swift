/// The bands of Decision 2194/QĐ-BCĐQG for a facility's risk percentage.
public enum RiskLevel: String, CaseIterable, Codable, Sendable, Comparable {
    case veryLow = "very-low"
    case low
    case medium
    case high
    case veryHigh = "very-high"

    /// The band of `percentage` (0 to 100): ≤ 15 very low, 16–30 low, 31–50 medium, 51–80 high, above that very high.
    public init(percentage: Int) {
        switch percentage {
        case ...15: self = .veryLow
        case 16...30: self = .low
        case 31...50: self = .medium
        case 51...80: self = .high
        default: self = .veryHigh
        }
    }

    public static func < (lhs: RiskLevel, rhs: RiskLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
