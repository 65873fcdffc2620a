import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation
import Hummingbird

/// Facilities and their self-checks: `POST/GET /api/v1/safety/facilities`,
/// `POST /api/v1/safety/facilities/import`, `GET /api/v1/safety/facilities/{id}` (public),
/// `POST/GET /api/v1/safety/facilities/{id}/self-checks` (the manager's; the history is public),
/// and the public `GET /api/v1/safety/checklists/{type}`.
struct SafetyFacilitiesController: Sendable {
    let facilities: FacilityService
    let selfChecks: SelfCheckService
    let clock: WallClock

    /// What a self-check earned.
    struct SelfCheckResult: ResponseEncodable {
        var id: Int64
        var score: Int
        var riskLevel: RiskLevel
        var status: SafetyStatus
        var reasons: [String]
        /// The facility's colour after the check (red while a verified report stands).
        var facilityStatus: SafetyStatus
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("safety/facilities", use: register)
        group.get("safety/facilities", use: list)
        group.post("safety/facilities/import", use: importCSV)
        group.get("safety/facilities/:id", use: show)
        group.post("safety/facilities/:id/self-checks", use: selfCheck)
        group.get("safety/facilities/:id/self-checks", use: history)
        group.get("safety/checklists/:type", use: checklist)
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<FacilityItem> {
        let principal = try context.authorize(FacilityService.registrars)
        let body = try await request.decodeJSON(as: FacilityRegistration.self, context: context)
        return EditedResponse(status: .created, response: item(try await facilities.register(body, by: principal), showContact: true))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<FacilityItem> {
        let principal = try context.authorize(FacilityService.viewers)
        let page = try PageRequest(request: request)
        let query = request.uri.queryParameters
        var problems: [FieldError] = []
        let type = query["type"].flatMap { FacilityType(rawValue: String($0)) }
        if query["type"] != nil, type == nil { problems.append(FieldError(field: "type", message: "is not a facility type")) }
        let status = query["status"].flatMap { SafetyStatus(rawValue: String($0)) }
        if query["status"] != nil, status == nil { problems.append(FieldError(field: "status", message: "is not a status")) }
        try ValidationFailure.check(problems)
        let found = try await facilities.list(for: principal, type: type, status: status, beforeID: page.cursorID, limit: page.limit + 1)
        return Page(fetched: found, limit: page.limit, id: \.id) { item($0, showContact: true) }
    }

    /// `POST /api/v1/safety/facilities/import[?dryRun=true]` with a `text/csv` body → the row-by-row report.
    @Sendable func importCSV(_ request: Request, context: AppRequestContext) async throws -> FacilityImport.Report {
        let principal = try context.authorize([.provinceOfficer])
        let csv = try await request.csvBody(limit: FacilityImport.maximumBytes)
        return try await facilities.importFacilities(csv: csv, by: principal, dryRun: request.uri.queryParameters["dryRun"] == "true", caller: context.caller)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> FacilityItem {
        let facility = try await facilities.facility(try context.pathID(of: "Facility"))
        return item(facility, showContact: context.identity.map { FacilityService.oversees(facility, $0) } ?? false)
    }

    @Sendable func selfCheck(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<SelfCheckResult> {
        let principal = try context.authorize([.facilityManager])
        let body = try await request.decodeJSON(as: SelfCheckService.Submission.self, context: context)
        let outcome = try await selfChecks.submit(body, facilityID: try context.pathID(of: "Facility"), by: principal)
        let assessment = outcome.assessment
        return EditedResponse(
            status: .created,
            response: SelfCheckResult(
                id: outcome.id, score: assessment.score, riskLevel: assessment.riskLevel, status: assessment.status, reasons: assessment.reasons,
                facilityStatus: outcome.facility.status(today: VietnamDay.number(of: clock.now))
            )
        )
    }

    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Page<SelfCheckItem> {
        let page = try PageRequest(request: request)
        let checks = try await selfChecks.history(facilityID: try context.pathID(of: "Facility"), beforeID: page.cursorID, limit: page.limit + 1)
        return Page(fetched: checks, limit: page.limit, id: \.id, item: SelfCheckItem.init)
    }

    @Sendable func checklist(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ChecklistJSON> {
        let name = context.parameters.get("type") ?? ""
        guard let type = FacilityType(rawValue: name) else { throw APIError.notFound("No facility type \(name).") }
        return EditedResponse(headers: [.cacheControl: "public, max-age=300"], response: ChecklistJSON(selfChecks.checklist(for: type)))
    }

    private func item(_ facility: FacilityRecord, showContact: Bool) -> FacilityItem {
        FacilityItem(
            facility, today: VietnamDay.number(of: clock.now), checklistID: selfChecks.checklist(for: facility.details.type).id, showContact: showContact
        )
    }
}

extension FacilityImport.Report: ResponseEncodable {}
