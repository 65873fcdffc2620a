import CovizoneCore

extension FieldError {
    /// The problem of a field that should hold a Vietnamese phone number.
    static func notAVietnamesePhone(_ field: String) -> FieldError {
        FieldError(field: field, message: "must be a Vietnamese phone number such as 0912 345 678")
    }
}

extension PhoneNumber {
    /// The E.164 form of `text`, or a validation failure naming `field`.
    static func required(_ text: String, field: String) throws(ValidationFailure) -> String {
        guard let number = PhoneNumber(text) else { throw ValidationFailure([.notAVietnamesePhone(field)]) }
        return number.e164
    }
}
