import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird

/// The health authority's outbreak pages: `GET/POST /outbreaks` (list and declaration form, times
/// in Vietnam), `GET /outbreaks/{id}` (the tracer's list of exposed visits, audited) with its
/// CSV at `/outbreaks/{id}/visitors.csv`, `GET /outbreaks/zoning` (exposed visitors by ward) and
/// `GET /outbreaks/warnings` (the SMS queue, phones masked).
struct OutbreakPagesController: Sendable {
    let outbreaks: OutbreakService
    let clock: WallClock
    let renderer: PageRenderer

    func addRoutes(to web: RouterGroup<AppRequestContext>) {
        web.get("outbreaks") { request, context in
            let principal = try context.authorize(OutbreaksController.readers)
            let form = OutbreakListPage.Form.blank(venueID: request.uri.queryParameters["venueId"].map(String.init) ?? "", now: clock.now)
            return try await listPage(request: request, context: context, principal: principal, form: form, errors: [], status: .ok)
        }
        web.post("outbreaks") { request, context in
            let principal = try context.authorize([.healthAuthority])
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            let form = OutbreakListPage.Form(
                venueId: fields["venueId"] ?? "", from: fields["from"] ?? "", to: fields["to"] ?? "", message: fields["message"] ?? "",
                severity: fields["severity"] ?? ""
            )
            let text = renderer.text(for: request)
            do {
                let outbreak = try await outbreaks.declare(
                    venueID: Int64(form.venueId) ?? 0, from: Self.isoTime(form.from), to: Self.isoTime(form.to), message: form.message,
                    severity: form.severity, by: principal, caller: context.caller
                )
                return Response(status: .seeOther, headers: [.location: "/outbreaks/\(outbreak.id)"])
            } catch let failure as ValidationFailure {
                let errors = text.fieldErrors(failure.errors, labelPrefix: "outbreak_field_")
                return try await listPage(request: request, context: context, principal: principal, form: form, errors: errors, status: .unprocessableContent)
            } catch let error as VenueError {
                let errors = ["\(text("outbreak_field_venueId")): \(error.problem.detail)"]
                return try await listPage(request: request, context: context, principal: principal, form: form, errors: errors, status: .unprocessableContent)
            }
        }
        web.get("outbreaks/zoning") { request, context in
            let principal = try context.authorize(OutbreaksController.readers)
            let days = try request.queryInteger("days", in: OutbreaksController.dayRange, default: OutbreakService.recentDays)
            let page = ZoningPage(days: days, zones: try await outbreaks.zoning(for: principal, days: days), text: renderer.text(for: request))
            return renderer.render("outbreak-zoning", titleKey: "zoning_title", page: page, request: request, context: context)
        }
        web.get("outbreaks/warnings") { request, context in
            let principal = try context.authorize(OutbreaksController.readers)
            let page = WarningsPage(try await outbreaks.queuedWarnings(for: principal, limit: 200))
            return renderer.render("outbreak-warnings", titleKey: "warnings_title", page: page, request: request, context: context)
        }
        web.get("outbreaks/:id") { request, context in
            let principal = try context.authorize(OutbreaksController.readers)
            let outbreak = try await outbreaks.outbreak(try context.pathID(of: "Outbreak"), for: principal)
            let venueName = try await outbreaks.venueNames(of: [outbreak])[outbreak.venueID]
            let visits = try await outbreaks.tracedVisits(outbreak, caller: context.caller)
            let page = OutbreakPage(outbreak, venueName: venueName, visits: visits, text: renderer.text(for: request))
            return renderer.render("outbreak", titleKey: "outbreak_title", page: page, request: request, context: context)
        }
        web.get("outbreaks/:id/visitors.csv") { _, context in
            let principal = try context.authorize(OutbreaksController.readers)
            let outbreak = try await outbreaks.outbreak(try context.pathID(of: "Outbreak"), for: principal)
            let visitors = try await outbreaks.tracedVisits(outbreak, caller: context.caller).map(TracedVisitor.init)
            return TracedVisitor.csvResponse(visitors, outbreakID: outbreak.id)
        }
    }

    private func listPage(
        request: Request, context: AppRequestContext, principal: Principal, form: OutbreakListPage.Form, errors: [String], status: HTTPResponse.Status
    ) async throws -> Response {
        let list = try await outbreaks.list(for: principal, limit: 100)
        let page = OutbreakListPage(
            outbreaks: list, venueNames: try await outbreaks.venueNames(of: list), canDeclare: principal.user.role == .healthAuthority, form: form,
            errors: errors, text: renderer.text(for: request)
        )
        return renderer.render("outbreaks", titleKey: "outbreaks_title", page: page, request: request, context: context, status: status)
    }

    /// A form's Vietnam local time as ISO 8601 (empty when unreadable, which the rules report).
    private static func isoTime(_ local: String) -> String {
        VietnamLocalTime.date(from: local).map { $0.formatted(.iso8601) } ?? ""
    }
}
