import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// `POST /api/v1/outbreaks` `{venueId, from, to, message, severity}` → `{id, exposedVisits}`:
/// a health authority declares an outbreak at a venue of its province; visits overlapping the
/// window (with the configured buffer) are exposed and a warning is queued for each phone.
/// `GET /outbreaks/warnings` shows the queue (phones masked) until the messaging layer sends it.
struct OutbreaksController: Sendable {
    let environment: AppEnvironment
    static let severities: Set<String> = ["low", "medium", "high"]

    struct Declaration: Decodable {
        var venueId: Int64
        var from: String
        var to: String
        var message: String
        var severity: String
    }

    struct Declared: ResponseEncodable {
        var id: Int64
        var exposedVisits: Int
    }

    var outbreaks: OutbreakRepository { OutbreakRepository(database: environment.database) }

    func addRoutes(api: RouterGroup<AppRequestContext>, web: RouterGroup<AppRequestContext>) {
        api.post("outbreaks", use: declare)
        web.get("outbreaks/warnings", use: warningsPage)
    }

    @Sendable func declare(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Declared> {
        let principal = try context.authorize([.healthAuthority])
        let body = try await request.decodeJSON(as: Declaration.self, context: context)
        let now = environment.clock.now
        var problems: [FieldError] = []
        let from = try? Date(body.from, strategy: .iso8601)
        let to = try? Date(body.to, strategy: .iso8601)
        if from == nil { problems.append(FieldError(field: "from", message: "must be an ISO 8601 date and time")) }
        if to == nil { problems.append(FieldError(field: "to", message: "must be an ISO 8601 date and time")) }
        if let from, let to, to <= from { problems.append(FieldError(field: "to", message: "must be after from")) }
        if let from, from > now { problems.append(FieldError(field: "from", message: "must not be in the future")) }
        let message = body.message.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(1...300).contains(message.count) { problems.append(FieldError(field: "message", message: "must be 1 to 300 characters")) }
        if !Self.severities.contains(body.severity) { problems.append(FieldError(field: "severity", message: "must be low, medium or high")) }
        try ValidationFailure.check(problems)
        guard let from, let to else { throw ValidationFailure(problems) }
        let venue = try await VenueDirectory(environment: environment).venue(body.venueId, for: principal)
        let venueName = venue.details.name
        let day = VietnamDay.string(of: from)
        let outbreak = try await outbreaks.declare(
            NewOutbreak(
                venueID: venue.id, provinceCode: venue.details.provinceCode, from: from, to: min(to, now + 86_400), message: message,
                severity: body.severity, declaredBy: principal.user.id, declaredAt: now,
                buffer: TimeInterval(environment.configuration.outbreakBufferMinutes * 60)
            ),
            warning: { _ in "Covizone: Ban da den \(venueName) ngay \(day), noi co ca benh. \(message)" }
        )
        try await environment.auditRecorder.record(
            "outbreaks.declare", subject: "outbreaks/\(outbreak.id)", provinceCode: venue.details.provinceCode,
            detail: "venue \(venue.id), \(outbreak.exposedVisits) exposed visits", context: context
        )
        return EditedResponse(status: .created, response: Declared(id: outbreak.id, exposedVisits: outbreak.exposedVisits))
    }

    @Sendable func warningsPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize([.healthAuthority, .ministryAdmin])
        let warnings = try await outbreaks.queuedWarnings(provinceCode: principal.scope.provinceCode, limit: 200)
        let rows: [[String: Any]] = warnings.map { warning in
            [
                "phone": Self.masked(warning.phone), "message": warning.message, "status": warning.status,
                "createdAt": warning.createdAt.formatted(PageRenderer.vietnamTime), "outbreak": warning.outbreakID,
            ]
        }
        return environment.renderer.render(
            "outbreak-warnings", titleKey: "warnings_title", model: ["warnings": rows, "hasWarnings": !rows.isEmpty], request: request, context: context
        )
    }

    /// `+84912345678` → `+8491****678`: enough to tell numbers apart, not to call them.
    static func masked(_ phone: String) -> String {
        guard phone.count > 9 else { return phone }
        return String(phone.prefix(5)) + String(repeating: "*", count: phone.count - 8) + String(phone.suffix(3))
    }
}
