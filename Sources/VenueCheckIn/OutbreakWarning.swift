import CovizoneCore
import Foundation

/// The SMS that warns an exposed visitor (unaccented Vietnamese: one GSM-7 part goes further
/// than UCS-2 on every phone).
public enum OutbreakWarning {
    /// The warning for a visit to `venueName` that began at `visitStart`, ending with the
    /// health authority's `message`.
    public static func text(venueName: String, visitStart: Date, message: String) -> String {
        "Covizone: Ban da den \(venueName) ngay \(VietnamDay.string(of: visitStart)), noi co ca benh. \(message)"
    }
}
