/// How a campaign's messages go out. The raw values are the strings of the API and the store.
public enum CampaignChannel: String, Sendable, Codable, CaseIterable {
    /// Text messages over SMPP to the operators' SMSCs.
    case sms
    /// A provider's HTTP API (a push or chat platform), one request per recipient.
    case http
}
