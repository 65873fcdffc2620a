import ArgumentParser
import CovizoneServer

/// The misinformation desk's settings.
struct MisinformationOptions: ParsableArguments {
    @Option(name: .customLong("tips-per-hour"), help: "Tips one address may send the misinformation desk an hour (env COVIZONE_TIPS_PER_HOUR, default 30).")
    var tipsPerHour: Int?

    @Option(name: .customLong("takedown-platforms"), help: "Platforms takedown requests go to and the hours each has to act, as NAME=HOURS,… (env COVIZONE_TAKEDOWN_PLATFORMS, default facebook=24,youtube=24,tiktok=24,zalo=24,other=72).")
    var takedownPlatforms: String?

    @Option(name: .customLong("takedown-legal-basis"), help: "The law a takedown request names by default (env COVIZONE_TAKEDOWN_LEGAL_BASIS, default Nghị định 15/2020/NĐ-CP, Điều 101).")
    var takedownLegalBasis: String?

    @Option(name: .customLong("spreader-retention-days"), help: "Days an account that spread claims is kept after its last link or decision (env COVIZONE_SPREADER_RETENTION_DAYS, default 365).")
    var spreaderRetentionDays: Int?

    func apply(to configuration: inout ServerConfiguration) throws {
        var settings = configuration.misinformation
        settings.tipsPerAddressPerHour = try Setting.value(tipsPerHour, environment: "COVIZONE_TIPS_PER_HOUR", default: settings.tipsPerAddressPerHour)
        if let text = Setting.optional(takedownPlatforms, environment: "COVIZONE_TAKEDOWN_PLATFORMS") {
            guard let platforms = MisinformationSettings.parsePlatforms(text) else {
                throw ValidationError("takedown platforms must be NAME=HOURS,… with names of lower-case letters, digits and dashes and hours from 1 to 720")
            }
            settings.platforms = platforms
        }
        if let basis = Setting.optional(takedownLegalBasis, environment: "COVIZONE_TAKEDOWN_LEGAL_BASIS") { settings.defaultLegalBasis = basis }
        settings.spreaderRetentionDays = try Setting.value(
            spreaderRetentionDays, environment: "COVIZONE_SPREADER_RETENTION_DAYS", default: settings.spreaderRetentionDays
        )
        configuration.misinformation = settings
    }
}
