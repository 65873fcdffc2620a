/// How much of a QR code can be damaged and still read: about 7 %, 15 %, 25 % or 30 %.
public enum QRErrorCorrection: Int, CaseIterable, Comparable, Sendable {
    case low = 0
    case medium = 1
    case quartile = 2
    case high = 3

    /// The two bits that name the level in the format information (ISO/IEC 18004 table 12).
    var formatBits: Int {
        switch self {
        case .low: 1
        case .medium: 0
        case .quartile: 3
        case .high: 2
        }
    }

    public static func < (lhs: QRErrorCorrection, rhs: QRErrorCorrection) -> Bool { lhs.rawValue < rhs.rawValue }
}
