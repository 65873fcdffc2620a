import Foundation

/// What a health authority says about the person it gives an upload code to.
public enum TestType: String, Codable, Sendable, CaseIterable {
    case confirmed
    case likely
    case negative

    /// The report type the published keys will carry.
    public var reportType: ReportType {
        switch self {
        case .confirmed: .confirmedTest
        case .likely: .confirmedClinicalDiagnosis
        case .negative: .revoked
        }
    }
}

/// A one-time code that lets a confirmed (or likely) case publish their keys: an 8-digit short
/// code to read out on the phone (valid 15 minutes) and a 16-character long code to send by SMS
/// or link (valid 24 hours). Either can be used once.
public struct UploadCode: Hashable, Sendable {
    public static let shortLifetime: TimeInterval = 15 * 60
    public static let longLifetime: TimeInterval = 24 * 3600
    /// Letters and digits that cannot be mistaken for each other (no 0/o, 1/l/i).
    static let longAlphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    public let shortCode: String
    public let longCode: String

    public init<Generator: RandomNumberGenerator>(using generator: inout Generator) {
        let number = UInt32.random(in: 0..<100_000_000, using: &generator)
        let digits = String(number)
        shortCode = String(repeating: "0", count: 8 - digits.count) + digits
        longCode = String((0..<16).map { _ in Self.longAlphabet.randomElement(using: &generator)! })
    }

    /// A code from the system's secure random generator.
    public static func generate() -> UploadCode {
        var generator = SystemRandomNumberGenerator()
        return UploadCode(using: &generator)
    }
}

/// Where an upload code is in its life: issued, exchanged for a verification token (claimed),
/// turned into a certificate that published keys (used), or expired unused.
public enum UploadCodeState: String, Codable, Sendable, CaseIterable {
    case issued
    case claimed
    case used
    case expired

    /// The state at `now` of a code issued with these times.
    public static func at(_ now: Date, longExpiresAt: Date, claimedAt: Date?, usedAt: Date?) -> UploadCodeState {
        if usedAt != nil { return .used }
        if claimedAt != nil { return .claimed }
        return now >= longExpiresAt ? .expired : .issued
    }
}
