import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /audiences`: the subscriber lists an officer may use, a form to start one, and per list
/// an upload of subscribers (`POST /audiences/{id}/members`, CSV in a text box or from a file)
/// answered with the row report, and its deletion (`POST /audiences/{id}/delete`, once the box
/// saying its members go too is ticked). Long lists go through the API, which streams.
struct AudiencePagesController: Sendable {
    let audiences: AudienceService
    let renderer: PageRenderer
    /// Largest list the page takes (the API takes any size).
    static let maximumBytes = 16 << 20

    func addRoutes(to web: RouterGroup<AppRequestContext>) {
        web.get("audiences") { request, context in
            let principal = try context.authorize(CampaignScope.officers)
            return try await render(try await page(for: principal), request: request, context: context)
        }
        web.post("audiences") { request, context in
            let principal = try context.authorize(CampaignScope.officers)
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            do {
                _ = try await audiences.create(name: fields["name"] ?? "", provinceCode: fields["provinceCode"], by: principal)
                return Response(status: .seeOther, headers: [.location: "/audiences"])
            } catch let failure as ValidationFailure {
                return try await render(failure, for: principal, request: request, context: context)
            }
        }
        web.post("audiences/:id/delete") { request, context in
            let principal = try context.authorize(CampaignScope.officers)
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            let audience = try await audiences.editableAudience(try context.parameters.require("id", as: Int64.self), for: principal)
            let text = renderer.text(for: request)
            var page = try await page(for: principal)
            guard fields["confirm"] == "yes" else {
                page.errors = [text("audiences_delete_unconfirmed")]
                return try await render(page, request: request, context: context, status: .unprocessableContent)
            }
            do {
                try await audiences.delete(audience, by: principal, caller: context.caller)
                return Response(status: .seeOther, headers: [.location: "/audiences"])
            } catch CampaignError.audienceInUse(let campaigns, _) {
                page.errors = [text("audiences_delete_in_use").replacingOccurrences(of: "{campaigns}", with: CampaignError.numbers(campaigns))]
                return try await render(page, request: request, context: context, status: .conflict)
            }
        }
        web.post("audiences/:id/members") { request, context in
            let principal = try context.authorize(CampaignScope.officers)
            let fields = try await request.formFields(limit: Self.maximumBytes)
            try context.verifySessionCSRF(fields)
            let audience = try await audiences.editableAudience(try context.parameters.require("id", as: Int64.self), for: principal)
            let text = renderer.text(for: request)
            let csv = fields["csv"] ?? ""
            guard !csv.allSatisfy(\.isWhitespace) else {
                var page = try await page(for: principal)
                page.errors = [text("audiences_import_empty")]
                return try await render(page, request: request, context: context, status: .unprocessableContent)
            }
            let lines = AsyncStream<ByteBuffer> { continuation in
                continuation.yield(ByteBuffer(string: csv))
                continuation.finish()
            }
            let report: AudienceImportReport
            do {
                report = try await audiences.importMembers(lines, into: audience, by: principal, caller: context.caller)
            } catch let error as CampaignError {
                return try await render(error, for: principal, request: request, context: context)
            }
            let summary = text("audiences_import_result")
                .replacingOccurrences(of: "{name}", with: audience.name).replacingOccurrences(of: "{rows}", with: String(report.rows))
                .replacingOccurrences(of: "{added}", with: String(report.added)).replacingOccurrences(of: "{duplicates}", with: String(report.duplicates))
                .replacingOccurrences(of: "{rejected}", with: String(report.rejected))
            var page = try await page(for: principal)
            let rows = report.problems.map { AudiencesPage.Report.Problem(line: $0.line, problem: text("audience_row_\($0.problem)")) }
            page.report = AudiencesPage.Report(summary: summary, rows: rows, hasRows: !rows.isEmpty, audienceId: audience.id)
            return try await render(page, request: request, context: context)
        }
    }

    private func page(for principal: Principal) async throws -> AudiencesPage {
        AudiencesPage(try await audiences.list(for: principal), principal: principal, divisions: audiences.divisions)
    }

    /// The page with what `error` says, in the page's language, and its status.
    private func render(_ error: any HTTPProblemConvertible, for principal: Principal, request: Request, context: AppRequestContext) async throws -> Response {
        var page = try await page(for: principal)
        page.errors = renderer.localizer.sentences(for: error.problem, prefix: "audience_problem_", PageRenderer.language(of: request))
        return try await render(page, request: request, context: context, status: error.problem.status)
    }

    private func render(_ page: AudiencesPage, request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        renderer.render("audiences", titleKey: "audiences_title", page: page, request: request, context: context, status: status)
    }
}
