import CovizoneCore
import ExposureNotification
import Foundation

/// The settings of one simulation run.
public struct SimulationParameters: Sendable {
    public var people: Int
    public var days: Int
    public var seed: UInt64
    /// When the run happens; the simulated days end with the UTC day before.
    public var now: Date
    public var region = "VN"
    /// The risk configuration phones score with; nil takes the server's.
    public var riskConfiguration: RiskConfiguration?

    public init(people: Int, days: Int, seed: UInt64, now: Date = Date()) {
        self.people = people
        self.days = days
        self.seed = seed
        self.now = now
    }

    /// What cannot be simulated, all at once.
    public func problems() -> [String] {
        var problems: [String] = []
        if !(2...1_000_000).contains(people) { problems.append("people must be 2 to 1000000") }
        if !(1...14).contains(days) { problems.append("days must be 1 to 14 (keys older than 14 days cannot be published)") }
        problems += riskConfiguration?.problems() ?? []
        return problems
    }
}

/// An agent-based run of exposure notification: people meet (households, work and school groups,
/// strangers), the virus spreads, every phone advertises its daily keys with the core library and
/// logs what it hears (distance → attenuation with noise, a scan every five minutes, missed
/// scans); confirmed cases get real upload codes and publish through the server; phones download
/// the signed export files and match on the device. The outcome is compared with the true close
/// contacts: at least 15 minutes within 2 metres on one day while the case was infectious.
public struct Simulation: Sendable {
    public let parameters: SimulationParameters
    /// Transmit power the simulated phones write into their metadata.
    static let metadata = BluetoothMetadata(transmitPower: -10)

    public init(parameters: SimulationParameters) {
        self.parameters = parameters
    }

    /// Runs the simulation against a server.
    /// - Parameters:
    ///   - officerToken: a health authority token for the n-th upload code (the caller spreads codes over officers).
    ///   - exportNow: makes the server cut export files of what was published.
    ///   - progress: called with a stage name and the fraction done.
    public func run(
        client: DeviceAPIClient, officerToken: @Sendable (Int) async throws -> String, exportNow: @Sendable () async throws -> Void,
        progress: @escaping @Sendable (String, Double) -> Void
    ) async throws -> SimulationReport {
        var report = SimulationReport(parameters: parameters)
        let world = World(parameters: parameters, progress: progress)
        report.encounters = world.encounters.count
        report.infected = world.epidemic.infectedDay.compactMap { $0 }.count

        let cases = world.confirmedCases()
        report.confirmed = cases.count
        for (number, confirmed) in cases.enumerated() {
            let code = try await client.issueCode(
                officerToken: try await officerToken(number), testType: .confirmed,
                symptomDate: world.dayString(confirmed.onsetDay)
            )
            report.publishedKeys += try await client.publish(keys: world.keys[confirmed.person], code: code)
            report.uploaded += 1
            progress("uploads", Double(number + 1) / Double(max(1, cases.count)))
        }

        try await exportNow()
        let exports = try await client.downloadExports(region: parameters.region)
        let diagnosisKeys = exports.flatMap(\.keys)
        report.exportFiles = exports.count
        report.exportedKeys = diagnosisKeys.count
        var configuration = parameters.riskConfiguration
        if configuration == nil { configuration = try await client.riskConfiguration() }
        guard let configuration else { throw SimulationFailure(description: "no risk configuration") }
        report.riskConfigurationVersion = configuration.version
        let scorer = try RiskScorer(configuration: configuration)

        let outcome = try await world.matchEveryPhone(diagnosisKeys: diagnosisKeys, scorer: scorer, uploaders: Set(cases.map(\.person)), progress: progress)
        report.sightings = outcome.sightings
        report.crossCheckedPhones = outcome.crossChecked
        report.crossCheckAgreed = outcome.crossCheckAgreed
        let truth = world.closeContacts(of: cases)
        report.closeContacts = truth.count
        report.notified = outcome.notified.count
        report.truePositives = outcome.notified.intersection(truth).count
        report.falsePositives = outcome.notified.subtracting(truth).count
        report.falseNegatives = truth.subtracting(outcome.notified).count
        return report
    }
}

/// What a run found.
public struct SimulationReport: Sendable {
    public var parameters: SimulationParameters
    public var encounters = 0
    public var sightings = 0
    public var infected = 0
    public var confirmed = 0
    public var uploaded = 0
    public var publishedKeys = 0
    public var exportFiles = 0
    /// Keys in the export files, padding included.
    public var exportedKeys = 0
    public var closeContacts = 0
    public var notified = 0
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    /// Phones whose windows were also found with the per-phone matcher, and whether both agreed.
    public var crossCheckedPhones = 0
    public var crossCheckAgreed = true
    public var riskConfigurationVersion = 0

    public var precision: Double { Double(truePositives) / Double(max(1, truePositives + falsePositives)) }
    public var recall: Double { Double(truePositives) / Double(max(1, truePositives + falseNegatives)) }

    /// The report as `name=value` lines, for people and scripts.
    public var lines: [String] {
        [
            "simulation people=\(parameters.people) days=\(parameters.days) seed=\(parameters.seed)",
            "contacts encounters=\(encounters) sightings=\(sightings)",
            "cases infected=\(infected) confirmed=\(confirmed) uploaded=\(uploaded) published_keys=\(publishedKeys)",
            "exports files=\(exportFiles) keys=\(exportedKeys)",
            "matching cross_checked_phones=\(crossCheckedPhones) identical=\(crossCheckAgreed ? "yes" : "no") risk_configuration_version=\(riskConfigurationVersion)",
            "close_contacts=\(closeContacts) notified=\(notified) true_positives=\(truePositives) false_positives=\(falsePositives) false_negatives=\(falseNegatives)",
            String(format: "precision=%.3f recall=%.3f", precision, recall),
        ]
    }
}
