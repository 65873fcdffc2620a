import Foundation

/// A published temporary exposure key of a person who reported a diagnosis, with what the
/// health authority said about it.
public struct DiagnosisKey: Hashable, Sendable {
    public var key: TemporaryExposureKey
    public var reportType: ReportType
    /// Days from the onset of symptoms (or the test) to the key's day; negative before onset.
    public var daysSinceOnsetOfSymptoms: Int?
    /// The v1 transmission risk level (0…8), kept for older clients and the export format.
    public var transmissionRiskLevel: Int

    public init(key: TemporaryExposureKey, reportType: ReportType, daysSinceOnsetOfSymptoms: Int? = nil, transmissionRiskLevel: Int = 0) {
        self.key = key
        self.reportType = reportType
        self.daysSinceOnsetOfSymptoms = daysSinceOnsetOfSymptoms
        self.transmissionRiskLevel = transmissionRiskLevel
    }
}

/// How a diagnosis was established (values as in the GAEN export format).
public enum ReportType: Int, Codable, Sendable, CaseIterable {
    case unknown = 0
    case confirmedTest = 1
    case confirmedClinicalDiagnosis = 2
    case selfReport = 3
    case recursive = 4
    case revoked = 5
}
