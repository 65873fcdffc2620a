import Foundation

/// How infectious a person is thought to be on a day, from the days since symptom onset.
public enum Infectiousness: String, Codable, Sendable {
    case none
    case standard
    case high
}

/// The GAEN v2 risk model as versioned data: the server publishes it and phones apply it to their
/// exposure windows. Weights are multipliers (1.0 = 100 %).
public struct RiskConfiguration: Codable, Sendable, Equatable {
    /// Changes whenever any value changes, so phones can tell which model produced a warning.
    public var version: Int
    /// Three ascending attenuation limits in dB: immediate ≤ [0] < near ≤ [1] < medium ≤ [2] < other.
    public var attenuationThresholds: [Int]
    /// Four weights: immediate, near, medium, other (each 0…2.5).
    public var attenuationWeights: [Double]
    /// 29 values for −14…+14 days since symptom onset.
    public var infectiousnessByDaysSinceOnset: [Infectiousness]
    /// Used when the onset is not known.
    public var infectiousnessWhenOnsetUnknown: Infectiousness
    public var standardInfectiousnessWeight: Double
    public var highInfectiousnessWeight: Double
    public var confirmedTestWeight: Double
    public var confirmedClinicalDiagnosisWeight: Double
    public var selfReportWeight: Double
    public var recursiveWeight: Double
    /// Windows scoring fewer weighted minutes than this are ignored.
    public var minimumWindowScore: Double
    /// A day with at least this many weighted minutes triggers a warning.
    public var dailyThresholdMinutes: Double

    public init(
        version: Int, attenuationThresholds: [Int], attenuationWeights: [Double], infectiousnessByDaysSinceOnset: [Infectiousness],
        infectiousnessWhenOnsetUnknown: Infectiousness, standardInfectiousnessWeight: Double, highInfectiousnessWeight: Double,
        confirmedTestWeight: Double, confirmedClinicalDiagnosisWeight: Double, selfReportWeight: Double, recursiveWeight: Double,
        minimumWindowScore: Double, dailyThresholdMinutes: Double
    ) {
        self.version = version
        self.attenuationThresholds = attenuationThresholds
        self.attenuationWeights = attenuationWeights
        self.infectiousnessByDaysSinceOnset = infectiousnessByDaysSinceOnset
        self.infectiousnessWhenOnsetUnknown = infectiousnessWhenOnsetUnknown
        self.standardInfectiousnessWeight = standardInfectiousnessWeight
        self.highInfectiousnessWeight = highInfectiousnessWeight
        self.confirmedTestWeight = confirmedTestWeight
        self.confirmedClinicalDiagnosisWeight = confirmedClinicalDiagnosisWeight
        self.selfReportWeight = selfReportWeight
        self.recursiveWeight = recursiveWeight
        self.minimumWindowScore = minimumWindowScore
        self.dailyThresholdMinutes = dailyThresholdMinutes
    }

    /// A starting point close to the models health authorities used: contact within about two
    /// metres counts fully, high infectiousness from two days before to three days after onset,
    /// a warning after 15 weighted minutes in one day.
    public static let standard = RiskConfiguration(
        version: 1,
        attenuationThresholds: [55, 63, 73],
        attenuationWeights: [1.5, 1.0, 0.5, 0],
        infectiousnessByDaysSinceOnset: (-14...14).map { day in
            switch day {
            case -2...3: .high
            case -5...9: .standard
            default: .none
            }
        },
        infectiousnessWhenOnsetUnknown: .standard,
        standardInfectiousnessWeight: 1.0,
        highInfectiousnessWeight: 1.5,
        confirmedTestWeight: 1.0,
        confirmedClinicalDiagnosisWeight: 1.0,
        selfReportWeight: 0.6,
        recursiveWeight: 0,
        minimumWindowScore: 0,
        dailyThresholdMinutes: 15
    )

    /// Every problem with the values, so a health authority can fix them at once.
    public func problems() -> [String] {
        var problems: [String] = []
        if attenuationThresholds.count != 3 || attenuationThresholds != attenuationThresholds.sorted()
            || !attenuationThresholds.allSatisfy({ (0...255).contains($0) })
        {
            problems.append("attenuationThresholds must be three ascending values from 0 to 255 dB")
        }
        if attenuationWeights.count != 4 || !attenuationWeights.allSatisfy({ (0...2.5).contains($0) }) {
            problems.append("attenuationWeights must be four weights from 0 to 2.5")
        }
        if infectiousnessByDaysSinceOnset.count != 29 {
            problems.append("infectiousnessByDaysSinceOnset must have 29 values, for -14 to +14 days")
        }
        let weights = [
            standardInfectiousnessWeight, highInfectiousnessWeight, confirmedTestWeight, confirmedClinicalDiagnosisWeight, selfReportWeight,
            recursiveWeight,
        ]
        if !weights.allSatisfy({ (0...2.5).contains($0) }) {
            problems.append("infectiousness and report-type weights must be from 0 to 2.5")
        }
        if minimumWindowScore < 0 || dailyThresholdMinutes <= 0 {
            problems.append("minimumWindowScore must not be negative and dailyThresholdMinutes must be positive")
        }
        return problems
    }
}
