import ArgumentParser
import CovizoneServer

/// Limits on anonymous requests and the proxies trusted to name their clients.
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("address-limits"), help: "Anonymous requests one address may make a minute, as KIND=N,… with kinds checkins, exposure, declarations, invitations, feedback, questions, lookups (env COVIZONE_ADDRESS_LIMITS, default checkins=120,exposure=60,declarations=60,invitations=10,feedback=10,questions=10,lookups=300).")
    var addressLimits: String?

    @Option(name: .customLong("one-time-codes-per-hour"), help: "One-time codes texted an hour to all phones together (env COVIZONE_ONE_TIME_CODES_PER_HOUR, default 2000).")
    var oneTimeCodesPerHour: Int?

    @Option(name: .customLong("one-time-codes-per-address"), help: "One-time codes one address may ask for an hour (env COVIZONE_ONE_TIME_CODES_PER_ADDRESS, default 20).")
    var oneTimeCodesPerAddress: Int?

    @Option(name: .customLong("trusted-proxy"), help: "Proxies whose X-Forwarded-For names the client, as CIDR,… e.g. 10.0.0.0/8 (env COVIZONE_TRUSTED_PROXY; default none: the header is ignored).")
    var trustedProxy: String?

    func apply(to configuration: inout ServerConfiguration) throws {
        if let text = Setting.optional(addressLimits, environment: "COVIZONE_ADDRESS_LIMITS") {
            guard let limits = ServerConfiguration.AddressLimits.parse(text) else {
                throw ValidationError("address limits must be KIND=N,… with kinds checkins, exposure, declarations and N from 1 to 1000000")
            }
            configuration.addressLimits = limits
        }
        configuration.maximumOneTimeCodesPerHour = try Setting.value(
            oneTimeCodesPerHour, environment: "COVIZONE_ONE_TIME_CODES_PER_HOUR", default: configuration.maximumOneTimeCodesPerHour
        )
        configuration.maximumOneTimeCodesPerAddress = try Setting.value(
            oneTimeCodesPerAddress, environment: "COVIZONE_ONE_TIME_CODES_PER_ADDRESS", default: configuration.maximumOneTimeCodesPerAddress
        )
        if let text = Setting.optional(trustedProxy, environment: "COVIZONE_TRUSTED_PROXY") {
            guard let networks = IPNetwork.list(text) else { throw ValidationError("trusted proxies must be CIDR,… such as 10.0.0.0/8,::1") }
            configuration.trustedProxies = networks
        }
    }
}
