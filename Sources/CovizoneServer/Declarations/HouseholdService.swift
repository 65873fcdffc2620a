import CovizoneCore
import CovizoneStore
import Crypto
import Foundation
import HealthDeclaration

/// Voluntary household declarations: a household is the account of one phone, proven with a
/// one-time code sent as a text; it lists its members (people without a phone of their own) and
/// declares for each of them, followed up in the province where it lives.
struct HouseholdService: Sendable {
    let households: HouseholdRepository
    let verifications: PhoneVerificationRepository
    let declarations: DeclarationService
    let textMessages: TextMessageOutbox
    /// Counts one-time codes before they are sent, across every server instance.
    let codeBudget: AttemptThrottle
    let divisions: AdministrativeDivisions
    let clock: WallClock
    /// The most codes sent in an hour: to all phones, and at the asking of one address.
    let codeLimits: AttemptThrottle.Limits

    /// Codes sent to one phone in an hour.
    static let codesPerHour = 5
    static let codeLifetime: TimeInterval = 10 * 60
    static let triesPerCode = 5
    static let tokenLifetime: TimeInterval = 30 * 86_400
    static let maximumMembers = 20
    /// Name under which every one-time code is counted, and the prefix of each phone's count.
    static let codeBudgetName = "#one-time-code"
    /// How far back codes count against their limits.
    static let codeBudgetWindow: TimeInterval = 3600

    /// Sends a one-time code to `phoneText` for a visitor at `address`; returns the phone in E.164
    /// and when the code expires. Anyone can ask for a code to any number, so codes are counted
    /// before they are sent, per phone, per address and for all phones together (the server must
    /// not become a way to text any number in bulk).
    func startVerification(phone phoneText: String, from address: String) async throws -> (phone: String, expiresAt: Date) {
        let phone = try PhoneNumber.required(phoneText, field: "phone")
        let now = clock.now
        try await countCode(to: phone, from: address, at: now)
        var generator = SystemRandomNumberGenerator()
        let code = String(format: "%06d", Int.random(in: 0..<1_000_000, using: &generator))
        try await verifications.start(phone: phone, codeHash: Self.hash(code, phone: phone), at: now, expiresAt: now + Self.codeLifetime)
        try await textMessages.enqueue(
            "Ma xac thuc Covizone: \(code). Het han sau 10 phut. Khong dua ma nay cho ai.", to: phone, purpose: "one-time-code", at: now
        )
        return (phone, now + Self.codeLifetime)
    }

    /// Records a code about to be sent; throws once a limit of the hour is reached.
    private func countCode(to phone: String, from address: String, at now: Date) async throws {
        // The phone is counted under a digest: the table of attempts holds no phone numbers.
        let phoneName = Self.codeBudgetName + ":" + SHA256.hash(data: Data(phone.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
        guard try await codeBudget.attempt(name: phoneName, address: address, limits: .init(perName: Self.codesPerHour), at: now).isAllowed else {
            throw HouseholdError.tooManyCodesForPhone
        }
        guard try await codeBudget.attempt(name: Self.codeBudgetName, address: address, limits: codeLimits, at: now).isAllowed else {
            throw HouseholdError.tooManyCodes
        }
    }

    /// Exchanges a one-time code for a household token (the household is created on first use).
    func signIn(phone phoneText: String, code: String) async throws -> (token: String, expiresAt: Date, household: HouseholdRecord) {
        let phone = try PhoneNumber.required(phoneText, field: "phone")
        let now = clock.now
        let digits = code.filter { !$0.isWhitespace }
        switch try await verifications.verify(phone: phone, codeHash: Self.hash(digits, phone: phone), at: now, maximumAttempts: Self.triesPerCode) {
        case .wrongCode: throw HouseholdError.wrongCode
        case .noLiveCode: throw HouseholdError.expiredCode
        case .verified: break
        }
        let household = try await households.findOrCreate(phone: phone, at: now)
        let token = SecretToken()
        try await households.addToken(hash: token.hash, householdID: household.id, at: now, expiresAt: now + Self.tokenLifetime)
        return (token.value, now + Self.tokenLifetime, household)
    }

    /// The household a bearer token belongs to.
    func household(token: String?) async throws -> HouseholdRecord {
        guard let token, let household = try await households.household(tokenHash: SecretToken(value: token).hash, at: clock.now) else {
            throw HouseholdError.notSignedIn
        }
        return household
    }

    /// The household's members, in the order they were added.
    func members(of household: HouseholdRecord) async throws -> [HouseholdMember] {
        try await households.members(of: household.id)
    }

    /// Sets the household's address (the province that follows its declarations up) and reminder hour.
    func setAddress(of household: HouseholdRecord, provinceCode: String, wardCode: String, street: String, reminderHour: Int?) async throws
        -> HouseholdRecord
    {
        let address = try HouseholdAddress(provinceCode: provinceCode, wardCode: wardCode, street: street, reminderHour: reminderHour, divisions: divisions)
        return try await households.update(
            household.id, provinceCode: address.provinceCode, wardCode: address.wardCode, street: address.street, reminderHour: address.reminderHour
        )
    }

    /// Adds a member after checking the details.
    func addMember(fullName: String, birthYear: Int, sex: String, relation: String, idNumber: String?, to household: HouseholdRecord) async throws
        -> HouseholdMember
    {
        let details = try HouseholdMemberDetails(fullName: fullName, birthYear: birthYear, sex: sex, relation: relation, idNumber: idNumber, now: clock.now)
        guard try await households.members(of: household.id).count < Self.maximumMembers else { throw HouseholdError.tooManyMembers(limit: Self.maximumMembers) }
        return try await households.addMember(details, to: household.id, at: clock.now)
    }

    /// Removes the household's member `id`.
    func removeMember(_ id: Int64, of household: HouseholdRecord) async throws {
        guard try await households.removeMember(id, of: household.id, at: clock.now) else { throw HouseholdError.memberNotFound }
    }

    /// The household's member with `id`.
    func member(_ id: Int64, of household: HouseholdRecord) async throws -> HouseholdMember {
        guard let member = try await households.members(of: household.id).first(where: { $0.id == id }) else { throw HouseholdError.memberNotFound }
        return member
    }

    /// A member's health update on the voluntary questionnaire, followed up where the household lives.
    func declare(for member: HouseholdMember, of household: HouseholdRecord, answers: [String: AnswerValue], language: Language) async throws
        -> DeclarationService.Submitted
    {
        guard let province = household.provinceCode, let ward = household.wardCode else { throw HouseholdError.addressRequired }
        return try await declarations.submit(kind: .voluntary, answers: answers, language: language, memberID: member.id, place: (province, ward))
    }

    /// SHA-256 of a code bound to its phone, as stored.
    static func hash(_ code: String, phone: String) -> Data {
        Data(SHA256.hash(data: Data("\(phone)|\(code)".utf8)))
    }
}
