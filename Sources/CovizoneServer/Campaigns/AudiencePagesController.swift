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
    let desk: CampaignDesk
    /// Largest list the page takes (the API takes any size).
    static let maximumBytes = 16 << 20

    var renderer: PageRenderer { desk.environment.renderer }

    func addRoutes(to web: RouterGroup<AppRequestContext>) {
        web.get("audiences") { request, context in
            let principal = try context.authorize(CampaignDesk.officers)
            return try await page(principal: principal, request: request, context: context, extra: [:], status: .ok)
        }
        web.post("audiences") { request, context in
            let principal = try context.authorize(CampaignDesk.officers)
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            do {
                _ = try await desk.createAudience(name: fields["name"] ?? "", provinceCode: fields["provinceCode"], by: principal)
                return Response(status: .seeOther, headers: [.location: "/audiences"])
            } catch let error as APIError where error.status == .unprocessableContent {
                let language = PageRenderer.language(of: request)
                let errors = renderer.localizer.sentences(for: error, prefix: "audience_problem_", language)
                return try await page(principal: principal, request: request, context: context, extra: ["errors": errors], status: .unprocessableContent)
            }
        }
        web.post("audiences/:id/delete") { request, context in
            let principal = try context.authorize(CampaignDesk.officers)
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            let audience = try await desk.editableAudience(try context.parameters.require("id", as: Int64.self), for: principal)
            let language = PageRenderer.language(of: request)
            guard fields["confirm"] == "yes" else {
                let errors = [renderer.localizer.string("audiences_delete_unconfirmed", language)]
                return try await page(principal: principal, request: request, context: context, extra: ["errors": errors], status: .unprocessableContent)
            }
            guard case .inUse(let campaigns) = try await desk.deleteAudience(audience, by: principal, context: context) else {
                return Response(status: .seeOther, headers: [.location: "/audiences"])
            }
            let error = renderer.localizer.string("audiences_delete_in_use", language)
                .replacingOccurrences(of: "{campaigns}", with: CampaignDesk.campaignNumbers(campaigns))
            return try await page(principal: principal, request: request, context: context, extra: ["errors": [error]], status: .conflict)
        }
        web.post("audiences/:id/members") { request, context in
            let principal = try context.authorize(CampaignDesk.officers)
            let fields = try await request.formFields(limit: Self.maximumBytes)
            try context.verifySessionCSRF(fields)
            let audience = try await desk.editableAudience(try context.parameters.require("id", as: Int64.self), for: principal)
            let csv = fields["csv"] ?? ""
            guard !csv.allSatisfy(\.isWhitespace) else {
                let errors = [renderer.localizer.string("audiences_import_empty", PageRenderer.language(of: request))]
                return try await page(principal: principal, request: request, context: context, extra: ["errors": errors], status: .unprocessableContent)
            }
            let lines = AsyncStream<ByteBuffer> { continuation in
                continuation.yield(ByteBuffer(string: csv))
                continuation.finish()
            }
            let report: AudienceImportReport
            do {
                report = try await desk.importMembers(lines, into: audience, by: principal, context: context)
            } catch let error as APIError where error.status == .unprocessableContent || error.status == .conflict {
                let errors = renderer.localizer.sentences(for: error, prefix: "audience_problem_", PageRenderer.language(of: request))
                return try await page(principal: principal, request: request, context: context, extra: ["errors": errors], status: error.status)
            }
            let language = PageRenderer.language(of: request)
            let summary = renderer.localizer.string("audiences_import_result", language)
                .replacingOccurrences(of: "{name}", with: audience.name).replacingOccurrences(of: "{rows}", with: String(report.rows))
                .replacingOccurrences(of: "{added}", with: String(report.added)).replacingOccurrences(of: "{duplicates}", with: String(report.duplicates))
                .replacingOccurrences(of: "{rejected}", with: String(report.rejected))
            let rows = report.problems.map { ["line": $0.line, "problem": renderer.localizer.string("audience_row_\($0.problem)", language)] as [String: Any] }
            let extra: [String: Any] = ["report": ["summary": summary, "rows": rows, "hasRows": !rows.isEmpty, "audienceId": audience.id]]
            return try await page(principal: principal, request: request, context: context, extra: extra, status: .ok)
        }
    }

    private func page(principal: Principal, request: Request, context: AppRequestContext, extra: [String: Any], status: HTTPResponse.Status) async throws
        -> Response
    {
        let audiences: [[String: Any]] = try await desk.audiences.audiences(visibleTo: principal.scope.provinceCode).map { audience in
            [
                "id": audience.id, "name": audience.name, "members": audience.members, "createdBy": audience.createdBy,
                "province": audience.provinceCode.flatMap { desk.environment.divisions.province(code: $0)?.name } ?? "",
                "canEdit": desk.owns(audience.provinceCode, principal),
            ]
        }
        var model = extra
        model["audiences"] = audiences
        model["hasAudiences"] = !audiences.isEmpty
        model["isNational"] = principal.scope.isNational
        model["provinces"] = desk.environment.divisions.provinces.map { ["code": $0.code, "name": $0.name] }
        return renderer.render("audiences", titleKey: "audiences_title", page: model, request: request, context: context, status: status)
    }
}
