import Foundation

/// Scores exposure windows with a ``RiskConfiguration`` and decides whether to warn, as GAEN v2
/// does: attenuation-weighted minutes × infectiousness weight × report-type weight, summed per day.
public struct RiskScorer: Sendable {
    public let configuration: RiskConfiguration

    /// One day of exposure.
    public struct DailySummary: Hashable, Sendable {
        public var day: Date
        /// Sum of the scores of the day's windows.
        public var weightedMinutes: Double
        /// Score of the day's highest-scoring window.
        public var maximumWindowMinutes: Double
    }

    /// Refuses a configuration with problems rather than misjudging risk with it.
    public init(configuration: RiskConfiguration) throws {
        let problems = configuration.problems()
        guard problems.isEmpty else { throw ExposureNotificationError.invalidRiskConfiguration(problems) }
        self.configuration = configuration
    }

    /// The weighted minutes of one window (0 when the person was not infectious or the report was revoked).
    public func score(_ window: ExposureWindow) -> Double {
        let seconds = window.scanInstances.reduce(0.0) { total, scan in
            total + Double(scan.secondsSinceLastScan) * attenuationWeight(scan.typicalAttenuation)
        }
        return seconds / 60 * infectiousnessWeight(window.daysSinceOnsetOfSymptoms) * reportTypeWeight(window.reportType)
    }

    /// Days with at least one window at or above the minimum window score, oldest first.
    public func dailySummaries(_ windows: [ExposureWindow]) -> [DailySummary] {
        var days: [Date: DailySummary] = [:]
        for window in windows {
            let score = score(window)
            guard score > 0, score >= configuration.minimumWindowScore else { continue }
            var summary = days[window.day] ?? DailySummary(day: window.day, weightedMinutes: 0, maximumWindowMinutes: 0)
            summary.weightedMinutes += score
            summary.maximumWindowMinutes = max(summary.maximumWindowMinutes, score)
            days[window.day] = summary
        }
        return days.values.sorted { $0.day < $1.day }
    }

    /// Whether any day reaches the daily threshold.
    public func shouldNotify(_ windows: [ExposureWindow]) -> Bool {
        dailySummaries(windows).contains { $0.weightedMinutes >= configuration.dailyThresholdMinutes }
    }

    func attenuationWeight(_ attenuation: Int) -> Double {
        let thresholds = configuration.attenuationThresholds
        let bucket = thresholds.firstIndex { attenuation <= $0 } ?? thresholds.count
        return configuration.attenuationWeights[bucket]
    }

    func infectiousnessWeight(_ daysSinceOnset: Int?) -> Double {
        let infectiousness: Infectiousness
        if let days = daysSinceOnset {
            infectiousness = (-14...14).contains(days) ? configuration.infectiousnessByDaysSinceOnset[days + 14] : .none
        } else {
            infectiousness = configuration.infectiousnessWhenOnsetUnknown
        }
        switch infectiousness {
        case .none: return 0
        case .standard: return configuration.standardInfectiousnessWeight
        case .high: return configuration.highInfectiousnessWeight
        }
    }

    func reportTypeWeight(_ reportType: ReportType) -> Double {
        switch reportType {
        case .confirmedTest: configuration.confirmedTestWeight
        case .confirmedClinicalDiagnosis: configuration.confirmedClinicalDiagnosisWeight
        case .selfReport: configuration.selfReportWeight
        case .recursive: configuration.recursiveWeight
        case .revoked, .unknown: 0
        }
    }
}
