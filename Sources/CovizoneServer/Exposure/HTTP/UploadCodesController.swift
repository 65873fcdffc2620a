import CovizoneCore
import CovizoneStore
import ExposureNotification
import Foundation
import Hummingbird

/// `POST /api/v1/exposure/codes` and `GET /api/v1/exposure/codes`: health authorities issue
/// one-time upload codes to confirmed cases and follow what became of them. Codes are scoped to
/// the officer's province, rate-limited per officer, and every issue is audited.
struct UploadCodesController: Sendable {
    let codes: UploadCodeService

    struct IssueRequest: Decodable {
        var testType: TestType
        var testDate: String?
        var symptomDate: String?
    }

    struct IssueResponse: ResponseEncodable {
        var code: String
        var longCode: String
        /// When the short code expires; the long code lasts 24 hours.
        var expiresAt: Date
    }

    struct CodeItem: Encodable, Sendable {
        var id: Int64
        var testType: String
        var testDate: String?
        var symptomDate: String?
        var province: String?
        var issuedAt: Date
        var expiresAt: Date
        var longExpiresAt: Date
        var state: UploadCodeState
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("exposure/codes", use: issue)
        group.get("exposure/codes", use: list)
    }

    @Sendable func issue(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<IssueResponse> {
        let principal = try context.authorize([.healthAuthority])
        let body = try await request.decodeJSON(as: IssueRequest.self, context: context)
        let issued = try await codes.issue(by: principal, testType: body.testType, testDate: body.testDate, symptomDate: body.symptomDate, caller: context.caller)
        return EditedResponse(
            status: .created, headers: [.cacheControl: "no-store"],
            response: IssueResponse(
                code: issued.code.shortCode, longCode: issued.code.longCode,
                expiresAt: issued.record.details.shortExpiresAt
            )
        )
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<CodeItem> {
        let principal = try context.authorize([.healthAuthority, .ministryAdmin])
        let page = try PageRequest(request: request)
        let items = try await codes.list(for: principal, beforeID: page.cursorID, limit: page.limit + 1).map { record in
            let details = record.details
            return CodeItem(
                id: record.id, testType: details.testType, testDate: details.testDate, symptomDate: details.symptomDate,
                province: details.provinceCode, issuedAt: details.issuedAt, expiresAt: details.shortExpiresAt, longExpiresAt: details.longExpiresAt,
                state: codes.state(of: record)
            )
        }
        return Page(fetched: items, limit: page.limit, id: \.id)
    }
}
