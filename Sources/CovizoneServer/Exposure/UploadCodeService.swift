import CovizoneCore
import CovizoneStore
import ExposureNotification
import Foundation

/// Upload codes: issued by health authorities to confirmed cases with every rule applied, listed
/// within the officer's province, each issue audited.
struct UploadCodeService: Sendable {
    let codes: UploadCodeRepository
    let audit: AuditRecorder
    let clock: WallClock
    /// Most codes one officer may issue per hour.
    static let maximumCodesPerHour = 100
    /// Oldest test or symptom date accepted, in days.
    static let maximumDateAge = 14

    /// A new code for `principal`'s province; refused for bad dates or past the hourly limit.
    func issue(by principal: Principal, testType: TestType, testDate: String?, symptomDate: String?, caller: Caller) async throws
        -> (code: UploadCode, record: UploadCodeRecord)
    {
        let now = clock.now
        try ValidationFailure.check(
            Self.dateProblems(testDate, field: "testDate", now: now) + Self.dateProblems(symptomDate, field: "symptomDate", now: now)
        )
        let issuedLastHour = try await codes.countIssued(by: principal.user.id, since: now - 3600)
        guard issuedLastHour < Self.maximumCodesPerHour else { throw UploadCodeError.tooManyCodes(limit: Self.maximumCodesPerHour) }
        for _ in 0..<5 {
            let code = UploadCode.generate()
            let stored = try await codes.create(
                NewUploadCode(
                    shortCodeHash: SecretToken(value: code.shortCode).hash, longCodeHash: SecretToken(value: code.longCode).hash,
                    details: UploadCodeDetails(
                        testType: testType.rawValue, testDate: testDate, symptomDate: symptomDate, provinceCode: principal.user.provinceCode,
                        issuedBy: principal.user.id, issuedAt: now, shortExpiresAt: now + UploadCode.shortLifetime,
                        longExpiresAt: now + UploadCode.longLifetime
                    )
                )
            )
            guard let stored else { continue }  // the same code is live already: draw again
            try await audit.record(
                "exposure.codes.issue", subject: "exposure_upload_codes/\(stored.id)", provinceCode: stored.details.provinceCode,
                detail: testType.rawValue, by: caller
            )
            return (code, stored)
        }
        throw UploadCodeError.noFreeCode
    }

    /// The codes `principal` may see: its province's, or all for a national account.
    func list(for principal: Principal, beforeID: Int64?, limit: Int) async throws -> [UploadCodeRecord] {
        try await codes.list(provinceCode: principal.user.provinceCode, beforeID: beforeID, limit: limit)
    }

    /// Where `record` stands now.
    func state(of record: UploadCodeRecord) -> UploadCodeState {
        UploadCodeState.at(clock.now, longExpiresAt: record.details.longExpiresAt, claimedAt: record.claimedAt, usedAt: record.usedAt)
    }

    /// A date must be `YYYY-MM-DD`, not in the future and at most 14 days old (Vietnam time).
    static func dateProblems(_ text: String?, field: String, now: Date) -> [FieldError] {
        guard let text else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .gmt
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
            calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month
        else {
            return [FieldError(field: field, message: "must be a date as YYYY-MM-DD")]
        }
        let today = calendar.startOfDay(for: now)
        if date > today { return [FieldError(field: field, message: "must not be in the future")] }
        if let oldest = calendar.date(byAdding: .day, value: -maximumDateAge, to: today), date < oldest {
            return [FieldError(field: field, message: "must be within the last \(maximumDateAge) days")]
        }
        return []
    }
}
