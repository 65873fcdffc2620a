import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird
import VenueCheckIn

/// The outbreak API. Health authorities: `POST /api/v1/outbreaks` `{venueId, from, to, message,
/// severity}` → `{id, exposedVisits}`; `GET /api/v1/outbreaks`, `GET /api/v1/outbreaks/{id}`,
/// the tracer's `GET /api/v1/outbreaks/{id}/visitors[?format=csv]` (audited), and
/// `GET /api/v1/outbreaks/zoning[?days=N]`. Phones: the signed `GET /api/v1/outbreaks/notices`.
struct OutbreaksController: Sendable {
    let environment: AppEnvironment
    /// Most severe first, as forms list them.
    static let severityOrder = ["high", "medium", "low"]
    static let severities = Set(severityOrder)
    static let readers: Set<Role> = [.healthAuthority, .ministryAdmin]

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

    struct OutbreakItem: ResponseEncodable {
        var id: Int64
        var venueId: Int64
        var provinceCode: String
        var from: String
        var to: String
        var bufferMinutes: Int
        var message: String
        var severity: String
        var exposedVisits: Int
        var declaredAt: String
    }

    struct Visitor: Encodable, Sendable {
        var visitId: Int64
        var checkedInAt: String
        var checkedOutAt: String?
        var expectedCheckOutAt: String
        var phone: String?
        var name: String?
        var idNumber: String?
        var deviceId: String?
        var entryMethod: String
    }

    struct Visitors: ResponseEncodable {
        var outbreak: OutbreakItem
        var visitors: [Visitor]
    }

    struct Zone: Encodable, Sendable {
        struct VenueRef: Encodable, Sendable {
            var id: Int64
            var name: String
        }
        var wardCode: String
        var wardName: String
        var outbreaks: Int
        var exposedVisits: Int
        var exposedVisitors: Int
        var venues: [VenueRef]
    }

    struct Zoning: ResponseEncodable {
        var days: Int
        var wards: [Zone]
    }

    var desk: OutbreakDesk { OutbreakDesk(environment: environment) }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.post("outbreaks", use: declare)
        api.get("outbreaks") { request, context -> [OutbreakItem] in
            let principal = try context.authorize(Self.readers)
            let venueID = request.uri.queryParameters["venueId"].flatMap { Int64(String($0)) }
            return try await desk.outbreaks.list(venueID: venueID, provinceCode: principal.scope.provinceCode, limit: 200).map(Self.item)
        }
        api.get("outbreaks/notices") { _, _ -> EditedResponse<SignedNoticeList> in
            EditedResponse(headers: [.cacheControl: "public, max-age=300"], response: try await desk.notices())
        }
        api.get("outbreaks/zoning") { request, context -> Zoning in
            let principal = try context.authorize(Self.readers)
            let days = try Self.days(request)
            return Zoning(days: days, wards: try await desk.zoning(for: principal, days: days).map(Self.zone))
        }
        api.get("outbreaks/:id") { _, context -> OutbreakItem in
            let principal = try context.authorize(Self.readers)
            return Self.item(try await desk.outbreak(try Self.id(context), for: principal))
        }
        api.get("outbreaks/:id/visitors") { request, context -> Response in
            let principal = try context.authorize(Self.readers)
            let outbreak = try await desk.outbreak(try Self.id(context), for: principal)
            let visits = try await tracedVisits(outbreak, context: context)
            if request.uri.queryParameters["format"] == "csv" { return Self.csvResponse(outbreak, visits) }
            return try Visitors(outbreak: Self.item(outbreak), visitors: visits.map(Self.visitor)).response(from: request, context: context)
        }
    }

    @Sendable func declare(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Declared> {
        let principal = try context.authorize([.healthAuthority])
        let body = try await request.decodeJSON(as: Declaration.self, context: context)
        let outbreak = try await declare(body, by: principal, context: context)
        return EditedResponse(status: .created, response: Declared(id: outbreak.id, exposedVisits: outbreak.exposedVisits))
    }

    /// Checks and records a declaration (shared with the web form).
    func declare(_ body: Declaration, by principal: Principal, context: AppRequestContext) async throws -> OutbreakRecord {
        let now = environment.clock.now
        var problems: [FieldError] = []
        let from = InputDate.iso8601(body.from)
        let to = InputDate.iso8601(body.to)
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
        let outbreak = try await desk.outbreaks.declare(
            NewOutbreak(
                venueID: venue.id, provinceCode: venue.details.provinceCode, from: from, to: min(to, now + 86_400), message: message,
                severity: body.severity, declaredBy: principal.user.id, declaredAt: now,
                buffer: TimeInterval(environment.configuration.outbreakBufferMinutes * 60)
            ),
            warning: { visit in OutbreakWarning.text(venueName: venueName, visitStart: visit.checkedInAt, message: message) }
        )
        try await environment.auditRecorder.record(
            "outbreaks.declare", subject: "outbreaks/\(outbreak.id)", provinceCode: venue.details.provinceCode,
            detail: "venue \(venue.id), \(outbreak.exposedVisits) exposed visits", context: context
        )
        return outbreak
    }

    /// The exposed visits of an outbreak, with the read written to the audit log.
    func tracedVisits(_ outbreak: OutbreakRecord, context: AppRequestContext) async throws -> [VisitRecord] {
        let visits = try await desk.exposedVisits(outbreak)
        try await environment.auditRecorder.record(
            "outbreaks.visitors.read", subject: "outbreaks/\(outbreak.id)", provinceCode: outbreak.provinceCode,
            detail: "\(visits.count) exposed visits", context: context
        )
        return visits
    }

    static func csvResponse(_ outbreak: OutbreakRecord, _ visits: [VisitRecord]) -> Response {
        var text = CSVWriter.row(["visitId", "checkedInAt", "checkedOutAt", "expectedCheckOutAt", "phone", "name", "idNumber", "deviceId", "entryMethod"])
        for visit in visits.map(visitor) {
            text += CSVWriter.row([
                String(visit.visitId), visit.checkedInAt, visit.checkedOutAt ?? "", visit.expectedCheckOutAt, visit.phone ?? "", visit.name ?? "",
                visit.idNumber ?? "", visit.deviceId ?? "", visit.entryMethod,
            ])
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"outbreak-\(outbreak.id)-visitors.csv\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }

    static func item(_ outbreak: OutbreakRecord) -> OutbreakItem {
        OutbreakItem(
            id: outbreak.id, venueId: outbreak.venueID, provinceCode: outbreak.provinceCode, from: outbreak.from.formatted(.iso8601),
            to: outbreak.to.formatted(.iso8601), bufferMinutes: Int(outbreak.buffer / 60), message: outbreak.message, severity: outbreak.severity,
            exposedVisits: outbreak.exposedVisits, declaredAt: outbreak.declaredAt.formatted(.iso8601)
        )
    }

    static func visitor(_ visit: VisitRecord) -> Visitor {
        Visitor(
            visitId: visit.id, checkedInAt: visit.checkedInAt.formatted(.iso8601), checkedOutAt: visit.checkedOutAt?.formatted(.iso8601),
            expectedCheckOutAt: visit.expectedCheckOutAt.formatted(.iso8601), phone: visit.phone, name: visit.personName, idNumber: visit.idNumber,
            deviceId: visit.deviceID, entryMethod: visit.entryMethod
        )
    }

    static func zone(_ zone: OutbreakDesk.WardZone) -> Zone {
        Zone(
            wardCode: zone.wardCode, wardName: zone.wardName, outbreaks: zone.outbreaks, exposedVisits: zone.exposedVisits,
            exposedVisitors: zone.exposedVisitors, venues: zone.venues.map { .init(id: $0.id, name: $0.details.name) }
        )
    }

    static func id(_ context: AppRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("Outbreak") }
        return id
    }

    /// `?days=N` (1 to 60), default 14.
    static func days(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters["days"] else { return OutbreakDesk.recentDays }
        guard let days = Int(String(text)), (1...60).contains(days) else {
            throw APIError.invalid([FieldError(field: "days", message: "must be a whole number from 1 to 60")])
        }
        return days
    }
}

extension SignedNoticeList: ResponseEncodable {}
