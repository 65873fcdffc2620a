import CovizoneCore

/// A check-in that venue staff make for someone without a smartphone: their personal QR
/// (national format or ID card), or an ID number, with a phone when they have one.
public struct StaffCheckIn: Sendable, Equatable {
    /// The E.164 phone: typed, or read from the personal QR.
    public var phone: String?
    /// The name on the personal QR, or as typed.
    public var personName: String?
    /// The ID card or passport number.
    public var idNumber: String?

    /// The longest name staff may type.
    public static let maximumNameLength = 100

    /// Checks what staff scanned or typed and reports every problem at once. A scanned QR wins
    /// over a typed ID number; at least one of QR, ID number and phone is needed.
    public init(personalQR: String?, idNumber: String?, name: String?, phone: String?) throws(ValidationFailure) {
        var problems: [FieldError] = []
        var phoneText = phone
        if let personalQR, !personalQR.isEmpty {
            do {
                let person = try PersonalIdentity.parse(personalQR)
                self.idNumber = person.documentNumber
                self.personName = person.fullName
                if phoneText?.isEmpty ?? true { phoneText = person.phone }
            } catch {
                problems.append(FieldError(field: "personalQr", message: error.description))
            }
        } else if let idNumber, !idNumber.isEmpty {
            let trimmed = idNumber.filter { !$0.isWhitespace }.uppercased()
            if PersonalIdentity.isDocumentNumber(trimmed) {
                self.idNumber = trimmed
            } else {
                problems.append(FieldError(field: "idNumber", message: "must be 9 or 12 digits, or a passport number"))
            }
        } else if phone?.isEmpty ?? true {
            problems.append(FieldError(field: "personalQr", message: "scan a personal QR code, or type an ID number or a phone number"))
        }
        self.phone = PhoneNumber.optional(phoneText, field: "phone", problems: &problems)
        let typedName = name?.split(whereSeparator: \.isWhitespace).joined(separator: " ") ?? ""
        if typedName.count > Self.maximumNameLength {
            problems.append(FieldError(field: "name", message: "must be at most \(Self.maximumNameLength) characters"))
        }
        if personName == nil, !typedName.isEmpty { personName = typedName }
        try ValidationFailure.check(problems)
    }
}
