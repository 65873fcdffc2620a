import CampaignDispatch
import ArgumentParser
import CovizoneServer
import Messaging

/// Settings of the campaign engine's SMS gateways, for `serve`.
struct MessagingOptions: ParsableArguments {
    @Option(name: .customLong("messaging-config"), help: "JSON file of the SMSC connections and HTTP providers: {\"connections\": [{\"operator\": \"viettel\" or \"*\", \"host\", \"port\", \"systemId\", \"password\", \"binds\", \"window\", \"partsPerSecond\"}], \"httpProviders\": [{\"name\", \"url\", \"token\", \"callbackToken\", \"maxAttempts\", \"retryDelaySeconds\", \"concurrency\"}]} (env COVIZONE_MESSAGING_CONFIG; default none: messages wait in the queue).")
    var messagingConfig: String?

    @Option(name: .customLong("sms-sender"), help: "Sender of single texts: one-time codes, reminders, warnings (env COVIZONE_SMS_SENDER, default Covizone).")
    var sender: String?

    @Option(name: .customLong("sms-claim-lease"), help: "How long a dispatcher holds the messages it claimed; those of one that stopped become unconfirmed after it, never sent twice (env COVIZONE_SMS_CLAIM_LEASE, default 60s).")
    var claimLease: String?

    @Option(name: .customLong("sms-keywords"), help: "Keywords that start texts from phones, as KIND=WORD|WORD,… with kinds optout, question, tip (env COVIZONE_SMS_KEYWORDS, default optout=STOP|HUY|TU CHOI,question=HOI,tip=TINGIA).")
    var keywords: String?

    func apply(to configuration: inout ServerConfiguration) throws {
        var settings = configuration.messaging
        settings.sender = try Setting.value(sender, environment: "COVIZONE_SMS_SENDER", default: settings.sender)
        settings.claimLease = try Setting.duration(claimLease, environment: "COVIZONE_SMS_CLAIM_LEASE", default: settings.claimLease)
        if let text = Setting.optional(keywords, environment: "COVIZONE_SMS_KEYWORDS") {
            guard let parsed = IncomingKeywords.parse(text) else {
                throw ValidationError("--sms-keywords must be KIND=WORD|WORD,… with kinds optout, question, tip, each word used once: \(text)")
            }
            settings.keywords = parsed
        }
        if let path = Setting.optional(messagingConfig, environment: "COVIZONE_MESSAGING_CONFIG") {
            do {
                (settings.connections, settings.httpProviders) = try MessagingSettings.load(from: path)
            } catch {
                throw ValidationError("cannot read the messaging configuration in \(path): \(error)")
            }
        }
        configuration.messaging = settings
    }
}
