import CovizoneCore
import CovizoneStore
import Crypto
import Foundation
import HealthDeclaration

/// Voluntary household declarations: a household is the account of one phone, proven with a
/// one-time code sent as a text; it lists its members (people without a phone of their own) and
/// declares for each of them, followed up in the province where it lives.
struct HouseholdDesk: Sendable {
    let environment: AppEnvironment
    static let kind = "voluntary"
    /// Codes sent to one phone in an hour.
    static let codesPerHour = 5
    static let codeLifetime: TimeInterval = 10 * 60
    static let triesPerCode = 5
    static let tokenLifetime: TimeInterval = 30 * 86_400
    static let maximumMembers = 20
    /// In the order forms offer them.
    static let sexes = ["male", "female", "other"]
    static let relations = ["self", "spouse", "child", "parent", "grandparent", "sibling", "other"]

    var households: HouseholdRepository { HouseholdRepository(database: environment.database) }
    var verifications: PhoneVerificationRepository { PhoneVerificationRepository(database: environment.database) }
    var declarationDesk: DeclarationDesk { DeclarationDesk(environment: environment) }

    /// Sends a one-time code to `phoneText` for a visitor at `address`; returns the phone in E.164
    /// and when the code expires. Anyone can ask for a code to any number, so codes are counted
    /// before they are sent, per phone, per address and for all phones together (the server must
    /// not become a way to text any number in bulk).
    func startVerification(phone phoneText: String, from address: String) async throws -> (phone: String, expiresAt: Date) {
        let phone = try PhoneNumber.required(phoneText, field: "phone")
        let now = environment.clock.now
        try await countCode(to: phone, from: address, at: now)
        var generator = SystemRandomNumberGenerator()
        let code = String(format: "%06d", Int.random(in: 0..<1_000_000, using: &generator))
        try await verifications.start(phone: phone, codeHash: Self.hash(code, phone: phone), at: now, expiresAt: now + Self.codeLifetime)
        try await environment.textMessages.enqueue(
            "Ma xac thuc Covizone: \(code). Het han sau 10 phut. Khong dua ma nay cho ai.", to: phone, purpose: "one-time-code", at: now
        )
        return (phone, now + Self.codeLifetime)
    }

    /// Name under which every one-time code is counted, and the prefix of each phone's count.
    static let codeBudgetName = "#one-time-code"
    /// How far back codes count against their limits.
    static let codeBudgetWindow: TimeInterval = 3600

    /// Records a code about to be sent; throws 429 once a limit of the hour is reached.
    private func countCode(to phone: String, from address: String, at now: Date) async throws {
        let configuration = environment.configuration
        let throttle = AttemptThrottle(attempts: environment.loginFailures, window: Self.codeBudgetWindow)
        // The phone is counted under a digest: the table of attempts holds no phone numbers.
        let phoneName = Self.codeBudgetName + ":" + SHA256.hash(data: Data(phone.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
        guard try await throttle.attempt(name: phoneName, address: address, limits: .init(perName: Self.codesPerHour), at: now).isAllowed else {
            throw APIError(.tooManyRequests, "Too many codes sent to this phone in the last hour.", headers: [.retryAfter: "3600"], code: "rate_limited")
        }
        let overall = AttemptThrottle.Limits(perName: configuration.maximumOneTimeCodesPerHour, perNameAndAddress: configuration.maximumOneTimeCodesPerAddress)
        guard try await throttle.attempt(name: Self.codeBudgetName, address: address, limits: overall, at: now).isAllowed else {
            throw APIError(.tooManyRequests, "Too many codes asked for in the last hour; try again later.", headers: [.retryAfter: "3600"], code: "rate_limited")
        }
    }

    /// Exchanges a one-time code for a household token (the household is created on first use).
    func signIn(phone phoneText: String, code: String) async throws -> (token: String, expiresAt: Date, household: HouseholdRecord) {
        let phone = try PhoneNumber.required(phoneText, field: "phone")
        let now = environment.clock.now
        let digits = code.filter { !$0.isWhitespace }
        switch try await verifications.verify(phone: phone, codeHash: Self.hash(digits, phone: phone), at: now, maximumAttempts: Self.triesPerCode) {
        case .wrongCode: throw APIError(.unauthorized, "The code is not right.", code: "invalid_code")
        case .noLiveCode: throw APIError(.unauthorized, "There is no valid code for this phone: ask for a new one.", code: "expired_code")
        case .verified: break
        }
        let household = try await households.findOrCreate(phone: phone, at: now)
        let token = SecretToken()
        try await households.addToken(hash: token.hash, householdID: household.id, at: now, expiresAt: now + Self.tokenLifetime)
        return (token.value, now + Self.tokenLifetime, household)
    }

    /// The household a bearer token belongs to.
    func household(token: String?) async throws -> HouseholdRecord {
        guard let token, let household = try await households.household(tokenHash: SecretToken(value: token).hash, at: environment.clock.now) else {
            throw APIError.unauthenticated
        }
        return household
    }

    /// Sets the household's address (the province that follows its declarations up) and reminder hour.
    func setAddress(of household: HouseholdRecord, provinceCode: String, wardCode: String, street: String, reminderHour: Int?) async throws
        -> HouseholdRecord
    {
        var problems: [FieldError] = []
        if !environment.divisions.contains(ward: wardCode, inProvince: provinceCode) {
            problems.append(FieldError(field: "wardCode", message: "must be a ward of the province"))
        }
        let street = street.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if !(2...200).contains(street.count) { problems.append(FieldError(field: "street", message: "must be 2 to 200 characters")) }
        if let reminderHour, !(0...23).contains(reminderHour) { problems.append(FieldError(field: "reminderHour", message: "must be an hour from 0 to 23")) }
        try ValidationFailure.check(problems)
        return try await households.update(
            household.id, provinceCode: AdministrativeDivisions.canonicalCode(provinceCode, digits: 2) ?? provinceCode,
            wardCode: AdministrativeDivisions.canonicalCode(wardCode, digits: 5) ?? wardCode, street: street, reminderHour: reminderHour
        )
    }

    /// Adds a member after checking the details.
    func addMember(_ member: NewHouseholdMember, to household: HouseholdRecord) async throws -> HouseholdMember {
        var problems: [FieldError] = []
        let name = member.fullName.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if !(2...100).contains(name.count) || !name.allSatisfy({ $0.isLetter || " .'-".contains($0) }) {
            problems.append(FieldError(field: "fullName", message: "must be 2 to 100 letters"))
        }
        let year = Calendar(identifier: .gregorian).component(.year, from: environment.clock.now)
        if !(1900...year).contains(member.birthYear) { problems.append(FieldError(field: "birthYear", message: "must be a year from 1900 to \(year)")) }
        if !Self.sexes.contains(member.sex) { problems.append(FieldError(field: "sex", message: "must be male, female or other")) }
        if !Self.relations.contains(member.relation) {
            problems.append(FieldError(field: "relation", message: "must be one of \(Self.relations.joined(separator: ", "))"))
        }
        let idNumber = member.idNumber.map { $0.filter { !$0.isWhitespace }.uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
        if let idNumber, !PersonalIdentity.isDocumentNumber(idNumber) {
            problems.append(FieldError(field: "idNumber", message: "must be 9 or 12 digits, or a passport number"))
        }
        try ValidationFailure.check(problems)
        guard try await households.members(of: household.id).count < Self.maximumMembers else {
            throw APIError(.conflict, "A household has at most \(Self.maximumMembers) members.", code: "too_many_members")
        }
        return try await households.addMember(
            NewHouseholdMember(fullName: name, birthYear: member.birthYear, sex: member.sex, relation: member.relation, idNumber: idNumber),
            to: household.id, at: environment.clock.now
        )
    }

    /// The household's member with `id`.
    func member(_ id: Int64, of household: HouseholdRecord) async throws -> HouseholdMember {
        guard let member = try await households.members(of: household.id).first(where: { $0.id == id }) else { throw APIError.notFound("Member") }
        return member
    }

    /// A member's health update on the voluntary questionnaire, followed up where the household lives.
    func declare(for member: HouseholdMember, of household: HouseholdRecord, answers: [String: AnswerValue], language: Language) async throws
        -> DeclarationDesk.Submitted
    {
        guard let province = household.provinceCode, let ward = household.wardCode else {
            throw APIError(.conflict, "Give the household's address first: its province follows the declarations up.", code: "address_required")
        }
        return try await declarationDesk.submit(kind: Self.kind, answers: answers, language: language, memberID: member.id, place: (province, ward))
    }

    /// SHA-256 of a code bound to its phone, as stored.
    static func hash(_ code: String, phone: String) -> Data {
        Data(SHA256.hash(data: Data("\(phone)|\(code)".utf8)))
    }
}
