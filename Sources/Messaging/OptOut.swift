/// Campaigns' answer to a subscriber who asked to stop (``IncomingKeywords/Command/optOut``).
public enum OptOut {
    /// The confirmation sent back (GSM-7, one part).
    public static let confirmation = "Covizone: ban da tu choi nhan tin nhan tu chien dich. Cam on ban."
}
