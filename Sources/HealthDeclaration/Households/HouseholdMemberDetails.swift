import CovizoneCore
import Foundation

/// A household member as the household types them, checked: a name of letters, a plausible
/// birth year, sex, relation to the household's phone holder, and an optional ID number.
public struct HouseholdMemberDetails: Sendable, Equatable {
    public enum Sex: String, Codable, Sendable, CaseIterable {
        case male, female, other
    }

    /// In the order forms offer them.
    public enum Relation: String, Codable, Sendable, CaseIterable {
        case `self`, spouse, child, parent, grandparent, sibling, other
    }

    public var fullName: String
    public var birthYear: Int
    public var sex: Sex
    public var relation: Relation
    public var idNumber: String?

    /// Checks the raw fields against the year of `now` and reports every problem at once.
    public init(fullName: String, birthYear: Int, sex: String, relation: String, idNumber: String?, now: Date) throws(ValidationFailure) {
        var problems: [FieldError] = []
        let name = fullName.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if !(2...100).contains(name.count) || !name.allSatisfy({ $0.isLetter || " .'-".contains($0) }) {
            problems.append(FieldError(field: "fullName", message: "must be 2 to 100 letters"))
        }
        let year = Calendar(identifier: .gregorian).component(.year, from: now)
        if !(1900...year).contains(birthYear) { problems.append(FieldError(field: "birthYear", message: "must be a year from 1900 to \(year)")) }
        let sexValue = Sex(rawValue: sex)
        if sexValue == nil { problems.append(FieldError(field: "sex", message: "must be male, female or other")) }
        let relationValue = Relation(rawValue: relation)
        if relationValue == nil {
            problems.append(FieldError(field: "relation", message: "must be one of \(Relation.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let number = idNumber.map { $0.filter { !$0.isWhitespace }.uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
        if let number, !PersonalIdentity.isDocumentNumber(number) {
            problems.append(FieldError(field: "idNumber", message: "must be 9 or 12 digits, or a passport number"))
        }
        guard problems.isEmpty, let sexValue, let relationValue else { throw ValidationFailure(problems) }
        self.fullName = name
        self.birthYear = birthYear
        self.sex = sexValue
        self.relation = relationValue
        self.idNumber = number
    }
}
