import Foundation

extension Date {
    /// Whole Unix seconds, the way Covizone stores times and names export files.
    public var unixSeconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }
}
