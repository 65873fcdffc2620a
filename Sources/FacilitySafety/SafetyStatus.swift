/// A facility's colour on the map.
public enum SafetyStatus: String, CaseIterable, Codable, Sendable {
    /// Green: very low or low risk.
    case safe
    /// Yellow: medium risk.
    case someRisk = "some-risk"
    /// Red: high or very high risk, a critical task not done, or a verified report of one.
    case unsafe
    /// Grey: no self-check today (Vietnam time).
    case notReported = "not-reported"

    /// The status a self-check earns: red whenever a critical item is not done, whatever the score.
    public init(riskLevel: RiskLevel, criticalItemMissed: Bool) {
        if criticalItemMissed { self = .unsafe; return }
        switch riskLevel {
        case .veryLow, .low: self = .safe
        case .medium: self = .someRisk
        case .high, .veryHigh: self = .unsafe
        }
    }

    /// What the map shows for a facility: red while a verified report of a critical lapse stands;
    /// otherwise the status of its latest self-check if that was made on `today`, else grey.
    public static func standing(latest: SafetyStatus?, reportedOnDay: Int?, today: Int, alerted: Bool) -> SafetyStatus {
        if alerted { return .unsafe }
        guard let latest, reportedOnDay == today else { return .notReported }
        return latest
    }
}
