/// Personal data shown only as much as telling people apart needs, for lists that are read more
/// widely than the full record (a venue's entry history, the SMS queue).
public enum Masked {
    /// `+84912345678` → `+8491****678`: enough to tell numbers apart, not to call them.
    public static func phone(_ phone: String) -> String {
        guard phone.count > 9 else { return phone }
        return String(phone.prefix(5)) + String(repeating: "*", count: phone.count - 8) + String(phone.suffix(3))
    }

    /// All but the last three characters hidden.
    public static func idNumber(_ number: String) -> String {
        String(repeating: "*", count: max(0, number.count - 3)) + String(number.suffix(3))
    }
}
