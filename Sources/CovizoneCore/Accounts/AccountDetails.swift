import Foundation

/// What an account carries besides its role: the name people know it by, the phone its
/// invitation is texted to, and a reporting unit's organisation unit.
public struct AccountDetails: Sendable, Equatable, Codable {
    public static let maximumDisplayNameLength = 200
    public static let maximumOrgUnitLength = 64

    public var displayName: String?
    /// E.164, e.g. `+84912345678`.
    public var phone: String?
    public var orgUnitID: String?

    /// Checks the raw fields and reports every problem at once; blank fields are left out.
    public init(displayName: String?, phone: String?, orgUnitID: String?) throws(ValidationFailure) {
        var problems: [FieldError] = []
        let name = displayName?.trimmingCharacters(in: .whitespacesAndNewlines).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if let name, name.count > Self.maximumDisplayNameLength {
            problems.append(FieldError(field: "displayName", message: "must be at most \(Self.maximumDisplayNameLength) characters"))
        }
        let number = PhoneNumber.optional(phone?.trimmingCharacters(in: .whitespaces), field: "phone", problems: &problems)
        let unit = orgUnitID?.trimmingCharacters(in: .whitespaces)
        if let unit, !unit.isEmpty,
            unit.count > Self.maximumOrgUnitLength || !unit.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        {
            problems.append(FieldError(field: "orgUnitId", message: "must be up to \(Self.maximumOrgUnitLength) letters, digits, '.', '_' or '-'"))
        }
        try ValidationFailure.check(problems)
        self.displayName = name?.isEmpty == false ? name : nil
        self.phone = number
        self.orgUnitID = unit?.isEmpty == false ? unit : nil
    }

    /// No details: an account made on the command line or at first start may have none.
    public static let empty = AccountDetails(stored: nil, phone: nil, orgUnitID: nil)

    /// Details as stored, unchecked.
    public init(stored displayName: String?, phone: String?, orgUnitID: String?) {
        self.displayName = displayName
        self.phone = phone
        self.orgUnitID = orgUnitID
    }
}
