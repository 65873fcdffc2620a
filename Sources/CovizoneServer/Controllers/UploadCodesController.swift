import CovizoneCore
import CovizoneStore
import Crypto
import ExposureNotification
import Foundation
import Hummingbird

/// `POST /api/v1/exposure/codes` and `GET /api/v1/exposure/codes`: health authorities issue
/// one-time upload codes to confirmed cases and follow what became of them. Codes are scoped to
/// the officer's province, rate-limited per officer, and every issue is audited.
struct UploadCodesController: Sendable {
    let environment: AppEnvironment
    /// Most codes one officer may issue per hour.
    static let maximumCodesPerHour = 100
    /// Oldest test or symptom date accepted.
    static let maximumDateAge = 14

    struct IssueRequest: Decodable {
        var testType: TestType
        var testDate: String?
        var symptomDate: String?
    }

    struct IssueResponse: ResponseEncodable {
        var code: String
        var longCode: String
        /// When the short code expires (ISO 8601, UTC); the long code lasts 24 hours.
        var expiresAt: String
    }

    struct CodeItem: Encodable, Sendable {
        var id: Int64
        var testType: String
        var testDate: String?
        var symptomDate: String?
        var province: String?
        var issuedAt: String
        var expiresAt: String
        var longExpiresAt: String
        var state: UploadCodeState
    }

    var codes: UploadCodeRepository { UploadCodeRepository(database: environment.database) }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("exposure/codes", use: issue)
        group.get("exposure/codes", use: list)
    }

    @Sendable func issue(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<IssueResponse> {
        let principal = try context.authorize([.healthAuthority])
        let body = try await request.decodeJSON(as: IssueRequest.self, context: context)
        let now = environment.clock.now
        try ValidationFailure.check(
            Self.dateProblems(body.testDate, field: "testDate", now: now) + Self.dateProblems(body.symptomDate, field: "symptomDate", now: now)
        )
        let issuedLastHour = try await codes.countIssued(by: principal.user.id, since: now - 3600)
        guard issuedLastHour < Self.maximumCodesPerHour else {
            throw APIError(.tooManyRequests, "At most \(Self.maximumCodesPerHour) codes an hour per officer.", headers: [.retryAfter: "3600"])
        }
        for _ in 0..<5 {
            let code = UploadCode.generate()
            let stored = try await codes.create(
                NewUploadCode(
                    shortCodeHash: Self.hash(code.shortCode), longCodeHash: Self.hash(code.longCode), testType: body.testType.rawValue,
                    testDate: body.testDate, symptomDate: body.symptomDate, provinceCode: principal.user.provinceCode, issuedBy: principal.user.id,
                    issuedAt: now, shortExpiresAt: now + UploadCode.shortLifetime, longExpiresAt: now + UploadCode.longLifetime
                )
            )
            guard let stored else { continue }  // the same code is live already: draw again
            try await environment.auditRecorder.record(
                "exposure.codes.issue", subject: "exposure_upload_codes/\(stored.id)", provinceCode: stored.provinceCode,
                detail: body.testType.rawValue, context: context
            )
            return EditedResponse(
                status: .created, headers: [.cacheControl: "no-store"],
                response: IssueResponse(code: code.shortCode, longCode: code.longCode, expiresAt: ISO8601DateFormatter().string(from: stored.shortExpiresAt))
            )
        }
        throw APIError(.serviceUnavailable, "Could not draw an unused code; try again.")
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<CodeItem> {
        let principal = try context.authorize([.healthAuthority, .ministryAdmin])
        let page = try PageRequest(request: request)
        let now = environment.clock.now
        let formatter = ISO8601DateFormatter()
        let items = try await codes.list(provinceCode: principal.user.provinceCode, beforeID: page.cursorID, limit: page.limit + 1).map {
            CodeItem(
                id: $0.id, testType: $0.testType, testDate: $0.testDate, symptomDate: $0.symptomDate, province: $0.provinceCode,
                issuedAt: formatter.string(from: $0.issuedAt), expiresAt: formatter.string(from: $0.shortExpiresAt),
                longExpiresAt: formatter.string(from: $0.longExpiresAt),
                state: UploadCodeState.at(now, longExpiresAt: $0.longExpiresAt, claimedAt: $0.claimedAt, usedAt: $0.usedAt)
            )
        }
        return Page(fetched: items, limit: page.limit, id: \.id)
    }

    /// SHA-256 of a code, as stored.
    static func hash(_ code: String) -> Data { Data(SHA256.hash(data: Data(code.utf8))) }

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

