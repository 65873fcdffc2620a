/// Replies that take a subscriber off campaigns: `STOP`, `HUY` (huỷ, cancel) and `TU CHOI` (từ
/// chối, refuse), in any case, with or without diacritics or extra spaces, alone or followed by
/// anything (`STOP BLUEZONE`).
public enum OptOut {
    static let keywords = [["STOP"], ["HUY"], ["TU", "CHOI"]]

    /// True when a message from a phone asks to stop.
    public static func isRequest(_ text: String) -> Bool {
        let words = VietnameseText.withoutDiacritics(text).uppercased().split { !$0.isLetter }.map(String.init)
        return keywords.contains { keyword in words.starts(with: keyword) }
    }

    /// The confirmation sent back (GSM-7, one part).
    public static let confirmation = "Covizone: ban da tu choi nhan tin nhan tu chien dich. Cam on ban."
}
