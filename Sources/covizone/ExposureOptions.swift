import ArgumentParser
import CovizoneServer

/// Settings of the exposure key server, shared by `serve` and `exposure export-now`.
struct ExposureOptions: ParsableArguments {
    @Option(name: .customLong("exposure-export-period"), help: "Length of one export batch window, dividing 24h, e.g. 1h or 30m (env COVIZONE_EXPOSURE_EXPORT_PERIOD, default 1h).")
    var exportPeriod: String?

    @Option(name: .customLong("exposure-export-delay"), help: "Wait after a window closes before cutting it; 0 exports at once (env COVIZONE_EXPOSURE_EXPORT_DELAY, default 2h).")
    var exportDelay: String?

    @Option(name: .customLong("exposure-min-keys-per-file"), help: "Pad export files with random keys up to this many, plus 0-100 (env COVIZONE_EXPOSURE_MIN_KEYS_PER_FILE, default 1000).")
    var minimumKeysPerFile: Int?

    @Option(name: .customLong("exposure-region"), help: "Region of the export files and their path /exposure/v1/REGION/ (env COVIZONE_EXPOSURE_REGION, default VN).")
    var region: String?

    @Option(name: .customLong("exposure-health-authority-id"), help: "The healthAuthorityID apps publish with (env COVIZONE_EXPOSURE_HEALTH_AUTHORITY_ID, default vn.covizone).")
    var healthAuthorityID: String?

    @Option(name: .customLong("exposure-export-directory"), help: "Folder kept identical to /exposure/v1/ after every export cycle, to sync to a CDN (env COVIZONE_EXPOSURE_EXPORT_DIRECTORY; default none).")
    var exportDirectory: String?

    @Option(name: .customLong("exposure-code-guesses"), help: "Most wrong upload codes accepted from all phones together within 15 minutes (env COVIZONE_EXPOSURE_CODE_GUESSES, default 300).")
    var maximumCodeGuesses: Int?

    func apply(to configuration: inout ServerConfiguration) throws {
        var settings = configuration.exposure
        settings.exportPeriod = try Setting.duration(exportPeriod, environment: "COVIZONE_EXPOSURE_EXPORT_PERIOD", default: settings.exportPeriod)
        settings.exportDelay = try Setting.duration(exportDelay, environment: "COVIZONE_EXPOSURE_EXPORT_DELAY", default: settings.exportDelay)
        settings.minimumKeysPerFile = try Setting.value(
            minimumKeysPerFile, environment: "COVIZONE_EXPOSURE_MIN_KEYS_PER_FILE", default: settings.minimumKeysPerFile
        )
        settings.region = try Setting.value(region, environment: "COVIZONE_EXPOSURE_REGION", default: settings.region)
        settings.healthAuthorityID = try Setting.value(
            healthAuthorityID, environment: "COVIZONE_EXPOSURE_HEALTH_AUTHORITY_ID", default: settings.healthAuthorityID
        )
        settings.maximumCodeGuesses = try Setting.value(
            maximumCodeGuesses, environment: "COVIZONE_EXPOSURE_CODE_GUESSES", default: settings.maximumCodeGuesses
        )
        settings.exportDirectory = Setting.optional(exportDirectory, environment: "COVIZONE_EXPOSURE_EXPORT_DIRECTORY")
        configuration.exposure = settings
        let problems = configuration.problems()
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "; ")) }
    }
}

extension Setting {
    /// A duration written as `90s`, `30m`, `2h`, `1d`, a combination such as `1h30m`, or plain seconds.
    static func duration(_ flag: String?, environment name: String, default defaultValue: Duration) throws -> Duration {
        let text = try value(flag, environment: name, default: "")
        guard !text.isEmpty else { return defaultValue }
        guard let duration = parseDuration(text) else {
            throw ValidationError("\(text) is not a duration (use e.g. 30m, 1h, 2h30m or seconds)")
        }
        return duration
    }

    static func parseDuration(_ text: String) -> Duration? {
        if let seconds = Int64(text), seconds >= 0 { return .seconds(seconds) }
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var total: Int64 = 0
        var digits = ""
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if let unit = units[character], let number = Int64(digits) {
                let (product, overflow) = number.multipliedReportingOverflow(by: unit)
                let (sum, sumOverflow) = total.addingReportingOverflow(product)
                guard !overflow, !sumOverflow else { return nil }
                total = sum
                digits = ""
            } else {
                return nil
            }
        }
        return digits.isEmpty ? .seconds(total) : nil
    }
}
