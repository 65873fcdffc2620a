import Foundation

/// Up to 30 minutes of contact with one diagnosis key, as GAEN v2 reports it to the risk model.
public struct ExposureWindow: Hashable, Sendable {
    /// Start of the UTC day the window began in.
    public var day: Date
    /// When the first sighting of the window was heard.
    public var start: Date
    public var reportType: ReportType
    public var daysSinceOnsetOfSymptoms: Int?
    public var scanInstances: [ScanInstance]

    public init(day: Date, start: Date, reportType: ReportType, daysSinceOnsetOfSymptoms: Int?, scanInstances: [ScanInstance]) {
        self.day = day
        self.start = start
        self.reportType = reportType
        self.daysSinceOnsetOfSymptoms = daysSinceOnsetOfSymptoms
        self.scanInstances = scanInstances
    }
}

/// One Bluetooth scan in which the key's identifier was heard.
public struct ScanInstance: Hashable, Sendable, Codable {
    /// Mean attenuation (transmit power − RSSI) of the advertisements heard in the scan, in dB.
    public var typicalAttenuation: Int
    /// Lowest attenuation heard in the scan, in dB.
    public var minimumAttenuation: Int
    /// Time this scan stands for: since the previous scan, at most one scan period.
    public var secondsSinceLastScan: Int

    public init(typicalAttenuation: Int, minimumAttenuation: Int, secondsSinceLastScan: Int) {
        self.typicalAttenuation = typicalAttenuation
        self.minimumAttenuation = minimumAttenuation
        self.secondsSinceLastScan = secondsSinceLastScan
    }
}
