import CovizoneCore
import CovizoneStore
import ExposureNotification
import HTTPTypes
import Hummingbird

/// `GET`/`POST /exposure/codes`: health authorities issue upload codes and follow their state;
/// ministry administrators read the list.
struct UploadCodesPageController: Sendable {
    let codes: UploadCodeService
    let renderer: PageRenderer

    /// The page's model: the codes of the province, and the code just issued or the problem.
    struct Page: Sendable {
        struct Issued: Sendable {
            var shortCode: String
            var longCode: String
            var expiresAt: String
        }

        struct Row: Sendable {
            var issuedAt: String
            var testType: String
            var testDate: String
            var symptomDate: String
            var province: String
            var state: String
        }

        var codes: [Row]
        var hasCodes: Bool
        var canIssue: Bool
        var issued: Issued?
        var error: String?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("exposure/codes") { request, context in
            let principal = try context.authorize([.healthAuthority, .ministryAdmin])
            return try await render(try await page(for: principal, request: request), request: request, context: context)
        }
        group.post("exposure/codes") { request, context in
            let principal = try context.authorize([.healthAuthority])
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            var page = try await page(for: principal, request: request)
            let text = renderer.text(for: request)
            guard let testType = fields["testType"].flatMap(TestType.init(rawValue:)) else {
                page.error = text("codes_invalid_type")
                return try await render(page, request: request, context: context, status: .unprocessableContent)
            }
            let optionalDate = { (name: String) in fields[name].flatMap { $0.isEmpty ? nil : $0 } }
            do {
                let issued = try await codes.issue(
                    by: principal, testType: testType, testDate: optionalDate("testDate"), symptomDate: optionalDate("symptomDate"), caller: context.caller
                )
                var page = try await self.page(for: principal, request: request)
                page.issued = Page.Issued(
                    shortCode: issued.code.shortCode, longCode: issued.code.longCode, expiresAt: PageText.time(issued.record.details.shortExpiresAt)
                )
                return try await render(page, request: request, context: context)
            } catch is ValidationFailure {
                page.error = text("codes_invalid_date")
                return try await render(page, request: request, context: context, status: .unprocessableContent)
            } catch UploadCodeError.tooManyCodes {
                page.error = text("codes_rate_limited")
                return try await render(page, request: request, context: context, status: .tooManyRequests)
            }
        }
    }

    private func page(for principal: Principal, request: Request) async throws -> Page {
        let text = renderer.text(for: request)
        let rows = try await codes.list(for: principal, beforeID: nil, limit: 50).map { record in
            Page.Row(
                issuedAt: PageText.time(record.details.issuedAt), testType: text("test_type_\(record.details.testType)"),
                testDate: record.details.testDate ?? "", symptomDate: record.details.symptomDate ?? "", province: record.details.provinceCode ?? "",
                state: text("state_\(codes.state(of: record).rawValue)")
            )
        }
        return Page(codes: rows, hasCodes: !rows.isEmpty, canIssue: principal.user.role == .healthAuthority)
    }

    private func render(_ page: Page, request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        renderer.render("exposure-codes", titleKey: "codes_title", page: page, request: request, context: context, status: status)
    }
}
