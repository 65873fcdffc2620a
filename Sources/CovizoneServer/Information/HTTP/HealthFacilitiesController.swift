import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird
import OfficialInformation

/// The directory of health facilities: `POST /api/v1/info/facilities` → 201; `GET
/// /api/v1/info/facilities?service=&near=LAT,LON&limit=` (nearest first, with `distanceKm`) or
/// `?province=&ward=&q=` (by id, with a cursor); `GET/PUT /api/v1/info/facilities/{id}`.
struct HealthFacilitiesController: Sendable {
    let facilities: HealthFacilityService
    let divisions: AdministrativeDivisions

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("info/facilities", use: create)
        group.post("info/facilities/import", use: importCSV)
        group.get("info/facilities", use: list)
        group.get("info/facilities/:id", use: show)
        group.put("info/facilities/:id", use: update)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<HealthFacilityItem> {
        let principal = try context.authorize(WritingScope.writers)
        let draft = try await request.decodeJSON(as: HealthFacilityService.Draft.self, context: context)
        return EditedResponse(status: .created, response: HealthFacilityItem(try await facilities.create(draft, by: principal, caller: context.caller)))
    }

    /// `POST /api/v1/info/facilities/import[?dryRun=true][&province=]` with a `text/csv` body → the row-by-row report.
    @Sendable func importCSV(_ request: Request, context: AppRequestContext) async throws -> HealthFacilityImport.Report {
        let principal = try context.authorize(WritingScope.writers)
        let csv = try await request.csvBody(limit: HealthFacilityImport.maximumBytes)
        return try await facilities.importCSV(
            csv, province: try request.queryProvince(divisions: divisions), by: principal, dryRun: request.uri.queryParameters["dryRun"] == "true", caller: context.caller
        )
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<HealthFacilityItem> {
        let query = request.uri.queryParameters
        var service: HealthService?
        if let text = query["service"].map(String.init) {
            guard let known = HealthService(rawValue: text) else {
                throw APIError.invalid([FieldError(field: "service", message: "must be one of " + HealthService.allCases.map(\.rawValue).joined(separator: ", "))])
            }
            service = known
        }
        if let near = query["near"].map(String.init) {
            guard let point = GeoPoint(near) else { throw APIError.invalid([FieldError(field: "near", message: "must be LAT,LON in degrees")]) }
            let limit = try request.queryInteger("limit", in: 1...50, default: 10)
            let found = try await facilities.nearest(to: point, service: service, limit: limit)
            let items = found.map { HealthFacilityItem($0.facility, distanceKm: $0.distanceKm) }
            return Page(fetched: items, limit: items.count, id: \.id)
        }
        let page = try PageRequest(request: request)
        var ward: String?
        if let text = query["ward"].map(String.init) {
            guard let known = divisions.ward(code: text) else { throw APIError.invalid([FieldError(field: "ward", message: "unknown ward code \(text)")]) }
            ward = known.code
        }
        let text = query["q"].map(String.init)
        if (text ?? "").count > 200 { throw APIError.invalid([FieldError(field: "q", message: "must be at most 200 characters")]) }
        let filter = HealthFacilityRepository.Filter(provinceCode: try request.queryProvince(divisions: divisions), wardCode: ward, service: service, text: text)
        let found = try await facilities.list(filter, afterID: page.cursorID, limit: page.limit + 1)
        return Page(fetched: found, limit: page.limit, id: \.id, item: { HealthFacilityItem($0) })
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> HealthFacilityItem {
        HealthFacilityItem(try await facilities.facility(try context.pathID(of: "Health facility")))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> HealthFacilityItem {
        let principal = try context.authorize(HealthFacilityService.editors)
        let draft = try await request.decodeJSON(as: HealthFacilityService.Draft.self, context: context)
        return HealthFacilityItem(try await facilities.update(try context.pathID(of: "Health facility"), to: draft, by: principal, caller: context.caller))
    }
}
