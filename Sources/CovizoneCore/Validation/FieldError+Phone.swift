extension FieldError {
    /// The problem of a field that should hold a Vietnamese phone number.
    public static func notAVietnamesePhone(_ field: String) -> FieldError {
        FieldError(field: field, message: "must be a Vietnamese phone number such as 0912 345 678")
    }
}

extension PhoneNumber {
    /// The E.164 form of `text`, or a validation failure naming `field`.
    public static func required(_ text: String, field: String) throws(ValidationFailure) -> String {
        guard let number = PhoneNumber(text) else { throw ValidationFailure([.notAVietnamesePhone(field)]) }
        return number.e164
    }

    /// The E.164 form of an optional `text` (nil when empty), or a problem added to `problems`.
    public static func optional(_ text: String?, field: String, problems: inout [FieldError]) -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard let number = PhoneNumber(text) else {
            problems.append(.notAVietnamesePhone(field))
            return nil
        }
        return number.e164
    }
}
