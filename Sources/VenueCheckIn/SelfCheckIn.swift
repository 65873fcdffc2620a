import CovizoneCore
import Foundation

/// A visitor's own check-in as a phone or the web page sends it, checked before the pass is
/// looked at: a valid phone, a plausible device id and check-out secret, a time that is neither
/// in the future nor older than visits are kept.
public struct SelfCheckIn: Sendable, Equatable {
    /// The E.164 phone, when the visitor gave one.
    public var phone: String?
    /// The app's installation id; nil from the web page.
    public var deviceID: String?
    /// When the visitor arrived: now, or an offline phone's original time.
    public var time: Date
    /// The secret of the visit this phone made before, sent with a re-scan during its stay.
    public var checkoutToken: String?

    /// An app's check-in carries its device id; the web page's does not.
    public var entryMethod: EntryMethod { deviceID == nil ? .qrWeb : .qrApp }

    /// The clock skew an offline phone's time may run ahead.
    public static let allowedSkew: TimeInterval = 60

    /// Checks the raw fields and reports every problem at once. `time` is ISO 8601 (default
    /// `now`); visits are kept `retentionDays`, so an older time cannot be recorded.
    public init(
        phone: String?, deviceID: String?, time: String?, checkoutToken: String?, now: Date, retentionDays: Int
    ) throws(ValidationFailure) {
        var problems: [FieldError] = []
        self.phone = PhoneNumber.optional(phone, field: "phone", problems: &problems)
        if let deviceID, !Self.isDeviceID(deviceID) {
            problems.append(FieldError(field: "deviceId", message: "must be 8 to 128 letters, digits, '-', '_' or '.'"))
        }
        self.deviceID = deviceID
        self.time = Self.time(time, now: now, retentionDays: retentionDays, problems: &problems)
        if let checkoutToken, !(1...128).contains(checkoutToken.count) {
            problems.append(FieldError(field: "checkoutToken", message: "must be the secret a check-in returned"))
        }
        self.checkoutToken = checkoutToken
        try ValidationFailure.check(problems)
    }

    /// 8 to 128 ASCII letters, digits, `-`, `_` or `.`.
    public static func isDeviceID(_ text: String) -> Bool {
        (8...128).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    private static func time(_ text: String?, now: Date, retentionDays: Int, problems: inout [FieldError]) -> Date {
        guard let text else { return now }
        guard let parsed = InputDate.iso8601(text) else {
            problems.append(FieldError(field: "time", message: "must be an ISO 8601 date and time"))
            return now
        }
        if parsed > now + allowedSkew { problems.append(FieldError(field: "time", message: "must not be in the future")) }
        if parsed < now - TimeInterval(retentionDays) * 86_400 {
            problems.append(FieldError(field: "time", message: "is older than the \(retentionDays) days visits are kept"))
        }
        return parsed
    }
}
