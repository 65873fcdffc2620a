import CovizoneCore
import ExposureNotification
import HTTPTypes
import Hummingbird

/// `GET`/`POST /exposure/codes`: health authorities issue upload codes and follow their state;
/// ministry administrators read the list.
struct UploadCodesPageController: Sendable {
    let issuer: UploadCodeIssuer
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("exposure/codes", use: show)
        group.post("exposure/codes", use: issue)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize([.healthAuthority, .ministryAdmin])
        return try await page(request: request, context: context, principal: principal, extra: [:], status: .ok)
    }

    @Sendable func issue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize([.healthAuthority])
        let fields = try await request.formFields()
        try context.verifySessionCSRF(fields)
        guard let testType = fields["testType"].flatMap(TestType.init(rawValue:)) else {
            return try await page(request: request, context: context, principal: principal, errorKey: "codes_invalid_type", status: .unprocessableContent)
        }
        let optionalDate = { (name: String) in fields[name].flatMap { $0.isEmpty ? nil : $0 } }
        do {
            let issued = try await issuer.issue(
                by: principal, testType: testType, testDate: optionalDate("testDate"), symptomDate: optionalDate("symptomDate"), context: context
            )
            let model: [String: Any] = [
                "issued": [
                    "shortCode": issued.code.shortCode, "longCode": issued.code.longCode,
                    "expiresAt": issued.record.details.shortExpiresAt.formatted(PageRenderer.vietnamTime),
                ]
            ]
            return try await page(request: request, context: context, principal: principal, extra: model, status: .ok)
        } catch is ValidationFailure {
            return try await page(request: request, context: context, principal: principal, errorKey: "codes_invalid_date", status: .unprocessableContent)
        } catch let error as APIError where error.status == .tooManyRequests {
            return try await page(request: request, context: context, principal: principal, errorKey: "codes_rate_limited", status: .tooManyRequests)
        }
    }

    private func page(
        request: Request, context: AppRequestContext, principal: Principal, errorKey: String, status: HTTPResponse.Status
    ) async throws -> Response {
        let message = renderer.localizer.string(errorKey, PageRenderer.language(of: request))
        return try await page(request: request, context: context, principal: principal, extra: ["error": message], status: status)
    }

    private func page(
        request: Request, context: AppRequestContext, principal: Principal, extra: [String: Any], status: HTTPResponse.Status
    ) async throws -> Response {
        let language = PageRenderer.language(of: request)
        let codes: [[String: Any]] = try await issuer.list(for: principal, beforeID: nil, limit: 50).map { record in
            [
                "issuedAt": record.details.issuedAt.formatted(PageRenderer.vietnamTime),
                "testType": renderer.localizer.string("test_type_\(record.details.testType)", language),
                "testDate": record.details.testDate ?? "", "symptomDate": record.details.symptomDate ?? "",
                "province": record.details.provinceCode ?? "",
                "state": renderer.localizer.string("state_\(issuer.state(of: record).rawValue)", language),
            ]
        }
        var model = extra
        model["codes"] = codes
        model["hasCodes"] = !codes.isEmpty
        model["canIssue"] = principal.user.role == .healthAuthority
        return renderer.render(
            "exposure-codes", titleKey: "codes_title", page: model, request: request, context: context, status: status
        )
    }
}
