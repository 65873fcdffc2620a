import CovizoneCore

/// One subscriber of an imported list: `msisdn,province,operator?,group?`. The number is
/// normalised to E.164 and must be a Vietnamese mobile; the operator column, when given, wins
/// over the prefix table (numbers are ported between operators).
public struct AudienceRow: Sendable, Equatable {
    public var phone: PhoneNumber
    /// Province code, two digits.
    public var province: String
    public var operatorID: String
    public var group: String

    public init(phone: PhoneNumber, province: String, operatorID: String, group: String = "") {
        self.phone = phone
        self.province = province
        self.operatorID = operatorID
        self.group = group
    }

    /// Why a row was not taken.
    public enum Problem: String, Error, Sendable, Equatable, Codable {
        case missingColumns = "missing_columns"
        case notAVietnameseMobile = "not_a_vietnamese_mobile"
        case unknownProvince = "unknown_province"
        case unknownOperator = "unknown_operator"
        case groupTooLong = "group_too_long"

        /// The reason in words, for the row report.
        public var message: String {
            switch self {
            case .missingColumns: "needs at least msisdn and province"
            case .notAVietnameseMobile: "is not a Vietnamese mobile number"
            case .unknownProvince: "names no province"
            case .unknownOperator: "names no mobile operator"
            case .groupTooLong: "group is longer than 64 characters"
            }
        }
    }

    /// True for a header line (`msisdn,province,…`), which is skipped.
    public static func isHeader(_ fields: [String]) -> Bool {
        fields.first?.trimmingCharacters(in: .whitespaces).lowercased() == "msisdn"
    }

    /// Reads one line's fields.
    public static func parse(_ fields: [String], divisions: AdministrativeDivisions) -> Result<AudienceRow, Problem> {
        let fields = fields.map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.count >= 2 else { return .failure(.missingColumns) }
        guard let phone = PhoneNumber(fields[0]), phone.e164.count == 12 else { return .failure(.notAVietnameseMobile) }
        guard let province = AdministrativeDivisions.canonicalCode(fields[1], digits: 2), divisions.province(code: province) != nil else {
            return .failure(.unknownProvince)
        }
        let named = fields.count > 2 && !fields[2].isEmpty ? fields[2] : nil
        let mobileOperator: MobileOperator?
        if let named {
            mobileOperator = MobileOperator.named(named)
            guard mobileOperator != nil else { return .failure(.unknownOperator) }
        } else {
            mobileOperator = MobileOperator.of(phone)
            guard mobileOperator != nil else { return .failure(.notAVietnameseMobile) }
        }
        let group = fields.count > 3 ? fields[3] : ""
        guard group.count <= 64 else { return .failure(.groupTooLong) }
        return .success(AudienceRow(phone: phone, province: province, operatorID: mobileOperator!.id, group: group))
    }
}
