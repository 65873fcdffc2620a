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
    let api: OutbreaksController

    var environment: AppEnvironment { api.environment }
    var renderer: PageRenderer { environment.renderer }

    func addRoutes(to web: RouterGroup<AppRequestContext>) {
        web.get("outbreaks") { request, context in
            let principal = try context.authorize(OutbreaksController.readers)
            let venueID = request.uri.queryParameters["venueId"].map(String.init) ?? ""
            let now = environment.clock.now
            let form = ["venueId": venueID, "from": VietnamLocalTime.string(of: now - 4 * 3600), "to": VietnamLocalTime.string(of: now), "severity": "high"]
            return try await listPage(request: request, context: context, principal: principal, form: form, errors: [], status: .ok)
        }
        web.post("outbreaks") { request, context in
            let principal = try context.authorize([.healthAuthority])
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            let declaration = OutbreaksController.Declaration(
                venueId: Int64(fields["venueId"] ?? "") ?? 0,
                from: VietnamLocalTime.date(from: fields["from"] ?? "").map { $0.formatted(.iso8601) } ?? "",
                to: VietnamLocalTime.date(from: fields["to"] ?? "").map { $0.formatted(.iso8601) } ?? "", message: fields["message"] ?? "",
                severity: fields["severity"] ?? ""
            )
            do {
                let outbreak = try await api.declare(declaration, by: principal, context: context)
                return Response(status: .seeOther, headers: [.location: "/outbreaks/\(outbreak.id)"])
            } catch let failure as ValidationFailure {
                let language = PageRenderer.language(of: request)
                let errors = failure.errors.map { "\(renderer.localizer.string("outbreak_field_\($0.field)", language)): \($0.message)" }
                return try await listPage(request: request, context: context, principal: principal, form: fields, errors: errors, status: .unprocessableContent)
            } catch let error as APIError where error.status == .notFound {
                let label = renderer.localizer.string("outbreak_field_venueId", PageRenderer.language(of: request))
                return try await listPage(
                    request: request, context: context, principal: principal, form: fields, errors: ["\(label): \(error.detail)"], status: .unprocessableContent
                )
            }
        }
        web.get("outbreaks/zoning") { request, context in
            let principal = try context.authorize(OutbreaksController.readers)
            let days = try OutbreaksController.days(request)
            let wards: [[String: Any]] = try await api.desk.zoning(for: principal, days: days).map { zone in
                [
                    "wardCode": zone.wardCode, "wardName": zone.wardName, "outbreaks": zone.outbreaks, "exposedVisits": zone.exposedVisits,
                    "exposedVisitors": zone.exposedVisitors, "venues": zone.venues.map { ["id": $0.id, "name": $0.details.name] },
                ]
            }
            return renderer.render(
                "outbreak-zoning", titleKey: "zoning_title", model: ["wards": wards, "hasWards": !wards.isEmpty, "days": days], request: request, context: context
            )
        }
        web.get("outbreaks/warnings", use: warningsPage)
        web.get("outbreaks/:id") { request, context in
            let principal = try context.authorize(OutbreaksController.readers)
            let outbreak = try await api.desk.outbreak(try OutbreaksController.id(context), for: principal)
            let venue = try await api.desk.venues.find(id: outbreak.venueID)
            let visits: [[String: Any]] = try await api.tracedVisits(outbreak, context: context).map { visit in
                [
                    "id": visit.id, "checkedInAt": Self.time(visit.checkedInAt), "endedAt": Self.time(visit.endedAt),
                    "checkedOut": visit.checkedOutAt != nil, "phone": visit.phone ?? "", "name": visit.personName ?? "",
                    "idNumber": visit.idNumber ?? "", "method": renderer.localizer.string("entry_\(visit.entryMethod)", PageRenderer.language(of: request)),
                ]
            }
            let model: [String: Any] = [
                "outbreak": Self.summary(outbreak, venueName: venue?.details.name, localizer: renderer.localizer, language: PageRenderer.language(of: request)), "visits": visits, "hasVisits": !visits.isEmpty,
            ]
            return renderer.render("outbreak", titleKey: "outbreak_title", model: model, request: request, context: context)
        }
        web.get("outbreaks/:id/visitors.csv") { _, context in
            let principal = try context.authorize(OutbreaksController.readers)
            let outbreak = try await api.desk.outbreak(try OutbreaksController.id(context), for: principal)
            return OutbreaksController.csvResponse(outbreak, try await api.tracedVisits(outbreak, context: context))
        }
    }

    private func listPage(
        request: Request, context: AppRequestContext, principal: Principal, form: [String: String], errors: [String], status: HTTPResponse.Status
    ) async throws -> Response {
        let outbreaks = try await api.desk.outbreaks.list(provinceCode: principal.scope.provinceCode, limit: 100)
        var names: [Int64: String] = [:]
        for id in Set(outbreaks.map(\.venueID)) { names[id] = try await api.desk.venues.find(id: id)?.details.name }
        let language = PageRenderer.language(of: request)
        let severities = OutbreaksController.severityOrder.map { code in
            ["code": code, "label": renderer.localizer.string("severity_\(code)", language), "selected": form["severity"] == code] as [String: Any]
        }
        let model: [String: Any] = [
            "outbreaks": outbreaks.map { Self.summary($0, venueName: names[$0.venueID], localizer: renderer.localizer, language: language) }, "hasOutbreaks": !outbreaks.isEmpty,
            "canDeclare": principal.user.role == .healthAuthority, "form": form, "errors": errors, "severities": severities,
        ]
        return renderer.render("outbreaks", titleKey: "outbreaks_title", model: model, request: request, context: context, status: status)
    }

    @Sendable func warningsPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(OutbreaksController.readers)
        let warnings = try await api.desk.outbreaks.queuedWarnings(provinceCode: principal.scope.provinceCode, limit: 200)
        let rows: [[String: Any]] = warnings.map { warning in
            [
                "phone": Self.masked(warning.phone), "message": warning.message, "status": warning.status,
                "createdAt": Self.time(warning.createdAt), "outbreak": warning.outbreakID,
            ]
        }
        return renderer.render(
            "outbreak-warnings", titleKey: "warnings_title", model: ["warnings": rows, "hasWarnings": !rows.isEmpty], request: request, context: context
        )
    }

    /// An outbreak as the pages show it, times in Vietnam and the severity in the page's language.
    static func summary(_ outbreak: OutbreakRecord, venueName: String?, localizer: Localizer, language: Language) -> [String: Any] {
        [
            "id": outbreak.id, "venueId": outbreak.venueID, "venueName": venueName ?? "#\(outbreak.venueID)", "from": time(outbreak.from),
            "to": time(outbreak.to), "bufferMinutes": Int(outbreak.buffer / 60), "message": outbreak.message, "severity": localizer.string("severity_\(outbreak.severity)", language),
            "exposedVisits": outbreak.exposedVisits, "declaredAt": time(outbreak.declaredAt),
        ]
    }

    static func time(_ date: Date) -> String { date.formatted(PageRenderer.vietnamTime) }

    /// `+84912345678` → `+8491****678`: enough to tell numbers apart, not to call them.
    static func masked(_ phone: String) -> String {
        guard phone.count > 9 else { return phone }
        return String(phone.prefix(5)) + String(repeating: "*", count: phone.count - 8) + String(phone.suffix(3))
    }
}
