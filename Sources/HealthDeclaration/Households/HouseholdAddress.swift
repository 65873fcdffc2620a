import CovizoneCore

/// Where a household lives (the province that follows its declarations up) and the hour it is
/// reminded to declare, checked.
public struct HouseholdAddress: Sendable, Equatable {
    public var provinceCode: String
    public var wardCode: String
    public var street: String
    /// The hour of the day (Vietnam time) of the daily reminder; nil for none.
    public var reminderHour: Int?

    /// Checks the raw fields against `divisions` and reports every problem at once.
    public init(provinceCode: String, wardCode: String, street: String, reminderHour: Int?, divisions: AdministrativeDivisions) throws(ValidationFailure) {
        var problems: [FieldError] = []
        if !divisions.contains(ward: wardCode, inProvince: provinceCode) {
            problems.append(FieldError(field: "wardCode", message: "must be a ward of the province"))
        }
        let street = street.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if !(2...200).contains(street.count) { problems.append(FieldError(field: "street", message: "must be 2 to 200 characters")) }
        if let reminderHour, !(0...23).contains(reminderHour) { problems.append(FieldError(field: "reminderHour", message: "must be an hour from 0 to 23")) }
        try ValidationFailure.check(problems)
        self.provinceCode = AdministrativeDivisions.canonicalCode(provinceCode, digits: 2) ?? provinceCode
        self.wardCode = AdministrativeDivisions.canonicalCode(wardCode, digits: 5) ?? wardCode
        self.street = street
        self.reminderHour = reminderHour
    }
}
