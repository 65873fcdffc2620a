import CovizoneCore
import CovizoneStore
import Crypto
import Foundation
import Misinformation

/// Citizens' tips, by page, API and SMS: checked, counted against the sender's hourly budget,
/// and put into the claim they repeat. A tip that repeats a claim already answered is answered
/// at once with the published verdict; otherwise a phone given is kept until the verdict is
/// texted to it.
struct TipService: Sendable {
    let intake: MisinformationIntake
    let items: MisinformationItemRepository
    let budget: AttemptThrottle
    let settings: MisinformationSettings
    let divisions: AdministrativeDivisions
    let clock: WallClock

    /// A tip as sent.
    struct Tip: Decodable, Sendable {
        var text: String
        var url: String? = nil
        var platform: String? = nil
        var phone: String? = nil
        /// Where it was seen, when the sender says (a new claim is then the province's).
        var provinceCode: String? = nil
    }

    /// A tip stored, and its claim (published: answered at once).
    struct Received: Sendable {
        var item: MisinformationItemRecord
        var claim: ClaimRecord
    }

    static let budgetName = "#misinformation-tip"
    /// Tips texted from one phone in an hour.
    static let smsTipsPerPhone = 10
    static let textLength = 10...2_000

    /// Stores `tip` from `address` on `channel` (`web`, `api` or `sms`).
    func submit(_ tip: Tip, channel: String, from address: String) async throws -> Received {
        let checked = try check(tip)
        guard try await budget.attempt(name: Self.budgetName, address: address, limits: .init(perNameAndAddress: settings.tipsPerAddressPerHour), at: clock.now)
            .isAllowed
        else { throw MisinformationError.tooManyTips }
        return try await store(checked, channel: channel)
    }

    /// Stores a tip texted from `phone` (the phone is counted under a digest); nil past the phone's hourly budget.
    func submitText(_ text: String, from phone: PhoneNumber) async throws -> Received? {
        let checked = try check(Tip(text: text, phone: phone.e164))
        let digest = SHA256.hash(data: Data(phone.e164.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
        guard try await budget.attempt(name: Self.budgetName + ":sms", address: digest, limits: .init(perNameAndAddress: Self.smsTipsPerPhone), at: clock.now)
            .isAllowed
        else { return nil }
        return try await store(checked, channel: "sms")
    }

    private func store(_ tip: (item: NewMisinformationItem, provinceCode: String?), channel: String) async throws -> Received {
        var item = tip.item
        item.channel = channel
        guard let (stored, claim) = try await intake.take(item, provinceCode: tip.provinceCode) else {
            throw ValidationFailure([FieldError(field: "text", message: "could not be stored")])
        }
        if claim.isPublished, stored.phone != nil { try await items.markAnswered(ids: [stored.id], at: clock.now) }
        return Received(item: stored, claim: claim)
    }

    /// `tip` checked and written the one way: text composed (NFC) and trimmed, URL, platform, phone and province known.
    func check(_ tip: Tip) throws(ValidationFailure) -> (item: NewMisinformationItem, provinceCode: String?) {
        var problems: [FieldError] = []
        let text = tip.text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if !Self.textLength.contains(text.count) || ClaimText.syllables(text).count < 2 {
            problems.append(FieldError(field: "text", message: "must be \(Self.textLength.lowerBound) to \(Self.textLength.upperBound) characters with words"))
        }
        let url = tip.url.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        if let url, PostURL.canonical(url) == nil { problems.append(FieldError(field: "url", message: "must be an http or https address")) }
        let platform = tip.platform.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.lowercased() }
        if let platform, settings.platform(named: platform) == nil {
            problems.append(FieldError(field: "platform", message: "must be one of " + settings.platforms.map(\.name).joined(separator: ", ")))
        }
        let phoneText = tip.phone.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let phone = phoneText.flatMap(PhoneNumber.init)
        if phoneText != nil, phone == nil { problems.append(FieldError(field: "phone", message: "must be a Vietnamese phone number")) }
        let province = tip.provinceCode.flatMap { $0.isEmpty ? nil : $0 }
        if let province, divisions.province(code: province) == nil { problems.append(FieldError(field: "provinceCode", message: "unknown province code \(province)")) }
        try ValidationFailure.check(problems)
        var item = NewMisinformationItem(kind: .tip, channel: "api", text: text)
        item.url = url?.trimmingCharacters(in: .whitespaces)
        item.platform = platform
        item.phone = phone?.e164
        return (item, province.flatMap { divisions.province(code: $0)?.code })
    }
}
