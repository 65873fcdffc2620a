import Hummingbird

/// What a confirmed case leads to, for its province's health authority:
/// `POST /api/v1/health/cases/{id}/upload-code` → 201 `{code, longCode, expiresAt}`;
/// `GET /api/v1/health/cases/{id}/venues` → the check-ins of the patient's phone in the
/// infectious period; `POST /api/v1/health/cases/{id}/venues/{visitId}/outbreak` → 201, an
/// outbreak declared at that venue over that visit; `GET /api/v1/health/cases/{id}/declarations`
/// → the patient's entry and voluntary declarations in the officer's province.
struct HealthCaseLinksController: Sendable {
    let links: HealthCaseLinks

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("health/cases/:id/upload-code", use: uploadCode)
        group.get("health/cases/:id/venues", use: venues)
        group.post("health/cases/:id/venues/:visitId/outbreak", use: outbreak)
        group.get("health/cases/:id/declarations", use: declarations)
    }

    @Sendable func declarations(_ request: Request, context: AppRequestContext) async throws -> HealthJSON.CaseDeclarations {
        let principal = try context.authorize(HealthCaseLinks.officers)
        let found = try await links.declarations(caseID: try context.pathID(of: "case"), by: principal, caller: context.caller)
        return HealthJSON.CaseDeclarations(items: found.map(HealthJSON.CaseDeclaration.init))
    }

    @Sendable func uploadCode(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<UploadCodesController.IssueResponse> {
        let principal = try context.authorize(HealthCaseLinks.officers)
        let issued = try await links.uploadCode(caseID: try context.pathID(of: "case"), by: principal, caller: context.caller)
        return EditedResponse(
            status: .created, headers: [.cacheControl: "no-store"],
            response: .init(code: issued.code.shortCode, longCode: issued.code.longCode, expiresAt: issued.record.details.shortExpiresAt)
        )
    }

    @Sendable func venues(_ request: Request, context: AppRequestContext) async throws -> HealthJSON.CaseVisits {
        let principal = try context.authorize(HealthCaseLinks.officers)
        let found = try await links.venues(caseID: try context.pathID(of: "case"), by: principal, caller: context.caller)
        return HealthJSON.CaseVisits(
            infectiousFrom: found.period.lowerBound, infectiousTo: found.period.upperBound,
            items: found.visits.map {
                HealthJSON.CaseVisit(visitId: $0.visit.id, venueId: $0.visit.venueID, venueName: $0.venueName, checkedInAt: $0.visit.checkedInAt, endedAt: $0.visit.endedAt)
            }
        )
    }

    @Sendable func outbreak(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<OutbreaksController.Declared> {
        let principal = try context.authorize(HealthCaseLinks.officers)
        let outbreak = try await links.declareOutbreak(
            caseID: try context.pathID(of: "case"), visitID: try context.pathID("visitId", of: "visit"), by: principal, caller: context.caller
        )
        return EditedResponse(status: .created, response: .init(id: outbreak.id, exposedVisits: outbreak.exposedVisits))
    }
}
