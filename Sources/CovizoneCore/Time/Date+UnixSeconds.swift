import Foundation

extension Date {
    /// Whole Unix seconds, the way Covizone stores times and names export files. Saturates at
    /// `Int64`'s bounds (input dates are bounded by ``InputDate`` long before that; this only
    /// makes sure a date that slipped past never traps).
    public var unixSeconds: Int64 {
        let seconds = timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite else { return seconds > 0 ? .max : .min }
        return Int64(exactly: seconds) ?? (seconds > 0 ? .max : .min)
    }
}
