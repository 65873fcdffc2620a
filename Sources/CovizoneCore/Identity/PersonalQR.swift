/// A calendar date without a time zone (a birth date).
public struct CalendarDate: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Nil when the day does not exist (30 February) or the year is implausible.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month), (1...Self.days(inMonth: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// ISO 8601: `1989-03-03`.
    public var description: String {
        String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Who a personal QR code names: the national personal QR (`SoGiayTo|HoTen|NgaySinh|
/// LoaiDinhDanh|QID|EXT`) or the QR printed on the chip-based citizen ID card
/// (`CCCD|CMND|HoTen|NgaySinh|GioiTinh|DiaChi|NgayCap`).
public struct PersonalIdentity: Sendable, Equatable {
    public enum Source: String, Sendable {
        case nationalPersonalQR = "personal-qr"
        case citizenIDCard = "citizen-id-card"
    }

    public var source: Source
    /// A 12-digit citizen ID, a 9-digit old ID or a passport number; the national QR may hide
    /// all but the last digits behind `*`.
    public var documentNumber: String
    public var fullName: String
    public var birthDate: CalendarDate
    /// National QR: the code the national QR system gave the person.
    public var qrID: String?
    /// National QR: true when someone else declared for this person (`LoaiDinhDanh` 1).
    public var declaredOnBehalf: Bool
    /// A phone number found in the national QR's extension field, as written.
    public var phone: String?

    public init(
        source: Source, documentNumber: String, fullName: String, birthDate: CalendarDate, qrID: String? = nil, declaredOnBehalf: Bool = false,
        phone: String? = nil
    ) {
        self.source = source
        self.documentNumber = documentNumber
        self.fullName = fullName
        self.birthDate = birthDate
        self.qrID = qrID
        self.declaredOnBehalf = declaredOnBehalf
        self.phone = phone
    }

    /// Reads either format; the address and card dates of an ID card are not kept.
    public static func parse(_ text: String) throws(PersonalQRError) -> PersonalIdentity {
        let fields = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        switch fields.count {
        case 6: return try national(fields)
        case 7: return try card(fields)
        default: throw .unknownFormat
        }
    }

    /// The national personal QR text for this identity.
    public var nationalQRText: String {
        let birth = "\(birthDate.year)/\(birthDate.month)/\(birthDate.day)"
        return [documentNumber, fullName, birth, declaredOnBehalf ? "1" : "0", qrID ?? "", phone ?? ""].joined(separator: "|")
    }

    private static func national(_ fields: [String]) throws(PersonalQRError) -> PersonalIdentity {
        let number = fields[0]
        guard Self.isDocumentNumber(number, allowingMask: true) else { throw .invalidDocumentNumber }
        let name = try Self.name(fields[1])
        guard let birth = Self.date(fields[2]) else { throw .invalidBirthDate }
        guard fields[3] == "0" || fields[3] == "1" else { throw .invalidIdentifierType }
        let qrID = fields[4].isEmpty ? nil : fields[4]
        if let qrID, qrID.count > 64 || !qrID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) { throw .invalidQRID }
        let phone = fields[5].split(separator: "<").map(String.init).first(where: Self.isPhoneLike)
        return PersonalIdentity(
            source: .nationalPersonalQR, documentNumber: number, fullName: name, birthDate: birth, qrID: qrID, declaredOnBehalf: fields[3] == "1",
            phone: phone
        )
    }

    private static func card(_ fields: [String]) throws(PersonalQRError) -> PersonalIdentity {
        let number = fields[0]
        guard number.count == 12, number.allSatisfy(\.isASCIIDigit) else { throw .invalidDocumentNumber }
        guard fields[1].isEmpty || (fields[1].count == 9 && fields[1].allSatisfy(\.isASCIIDigit)) else { throw .invalidDocumentNumber }
        let name = try Self.name(fields[2])
        guard let birth = Self.compactDate(fields[3]) else { throw .invalidBirthDate }
        return PersonalIdentity(source: .citizenIDCard, documentNumber: number, fullName: name, birthDate: birth)
    }

    /// 9 or 12 digits (old and new ID cards) or a passport number (a letter and 7–8 digits).
    public static func isDocumentNumber(_ text: String, allowingMask: Bool = false) -> Bool {
        let digitsOrMask = text.allSatisfy { $0.isASCIIDigit || (allowingMask && $0 == "*") }
        if (text.count == 9 || text.count == 12) && digitsOrMask && text.contains(where: \.isASCIIDigit) { return true }
        guard let first = text.first, first.isASCII, first.isLetter, (8...9).contains(text.count) else { return false }
        return text.dropFirst().allSatisfy(\.isASCIIDigit)
    }

    private static func name(_ text: String) throws(PersonalQRError) -> String {
        let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard (2...100).contains(collapsed.count), collapsed.allSatisfy({ $0.isLetter || " .'-".contains($0) }) else { throw .invalidName }
        return collapsed
    }

    /// `1989/3/3`, `1989-03-03` or `03/03/1989`.
    private static func date(_ text: String) -> CalendarDate? {
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" }).compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return parts[0] > 31 ? CalendarDate(year: parts[0], month: parts[1], day: parts[2]) : CalendarDate(year: parts[2], month: parts[1], day: parts[0])
    }

    /// `ddMMyyyy`, as on the ID card.
    private static func compactDate(_ text: String) -> CalendarDate? {
        guard text.count == 8, text.allSatisfy(\.isASCIIDigit), let value = Int(text) else { return nil }
        return CalendarDate(year: value % 10_000, month: value / 10_000 % 100, day: value / 1_000_000)
    }

    private static func isPhoneLike(_ text: String) -> Bool {
        let digits = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        return (9...12).contains(digits.count) && digits.allSatisfy(\.isASCIIDigit) && (text.hasPrefix("0") || text.hasPrefix("+84") || text.hasPrefix("84"))
    }
}

/// Why a personal QR code cannot be read.
public enum PersonalQRError: Error, Equatable, CustomStringConvertible {
    case unknownFormat
    case invalidDocumentNumber
    case invalidName
    case invalidBirthDate
    case invalidIdentifierType
    case invalidQRID

    public var description: String {
        switch self {
        case .unknownFormat: "is neither a personal QR code (6 fields) nor a citizen ID card QR (7 fields)"
        case .invalidDocumentNumber: "has an ID number that is not 9 or 12 digits or a passport number"
        case .invalidName: "has a name that is empty, too long or not made of letters"
        case .invalidBirthDate: "has a birth date that does not exist"
        case .invalidIdentifierType: "has an identifier type other than 0 (self) or 1 (on behalf)"
        case .invalidQRID: "has a malformed QID"
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
