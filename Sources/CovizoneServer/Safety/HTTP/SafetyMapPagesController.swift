import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation
import Hummingbird

/// The public pages of the safety map: `GET /safety` (the live map, filters, counts and list) and
/// `GET /safety/facilities/{id}` (a facility's status, history and published reports, and the
/// form to report a problem: `POST /safety/facilities/{id}/feedback`).
struct SafetyMapPagesController: Sendable {
    let map: SafetyMapService
    let facilities: FacilityService
    let selfChecks: SelfCheckService
    let feedback: FeedbackService
    let geography: VietnamMap
    let renderer: PageRenderer
    let clock: WallClock

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("safety", use: mapPage)
        group.get("safety/facilities/:id", use: facilityPage)
        group.post("safety/facilities/:id/feedback", use: report)
    }

    @Sendable func mapPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let text = renderer.text(for: request)
        let filter: SafetyMapService.Filter
        do {
            filter = try map.filter(province: query["province"].map(String.init), type: query["type"].map(String.init), status: query["status"].map(String.init))
        } catch {
            filter = SafetyMapService.Filter()
        }
        let page = SafetyMapPage(
            filter: filter, points: filter.provinceCode == nil ? nil : try await map.points(filter), counts: try await map.counts(filter),
            wardLevels: filter.provinceCode == nil ? [] : try await map.wardLevels(provinceCode: filter.provinceCode), geography: geography, text: text,
            divisions: renderer.divisions
        )
        return renderer.render("safety-map", titleKey: "safety_map_title", page: page, request: request, context: context)
    }

    @Sendable func facilityPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderFacility(try context.pathID(of: "Facility"), request: request, context: context, form: nil)
    }

    /// A citizen's report from the page's form (the photo goes through the API from the page's script).
    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.pathID(of: "Facility")
        let fields = try await request.formFields()
        let submission = FeedbackService.Submission(category: fields["category"] ?? "", text: fields["text"] ?? "", phone: fields["phone"], photo: nil)
        do {
            _ = try await feedback.submit(submission, facilityID: id)
            return Response(status: .seeOther, headers: [.location: "/safety/facilities/\(id)?sent=1#report"])
        } catch let failure as ValidationFailure {
            let form = SafetyFacilityPage.ReportForm(submission: submission, errors: renderer.text(for: request).fieldErrors(failure.errors, labelPrefix: "feedback_field_"))
            return try await renderFacility(id, request: request, context: context, form: form, status: .unprocessableContent)
        }
    }

    private func renderFacility(
        _ id: Int64, request: Request, context: AppRequestContext, form: SafetyFacilityPage.ReportForm?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let facility = try await facilities.facility(id)
        let page = SafetyFacilityPage(
            facility: facility, checklist: selfChecks.checklist(for: facility.details.type),
            history: try await selfChecks.history(facilityID: id, beforeID: nil, limit: 30), reports: try await feedback.published(facilityID: id),
            form: form ?? SafetyFacilityPage.ReportForm(), sent: request.uri.queryParameters["sent"] == "1", today: VietnamDay.number(of: clock.now),
            text: renderer.text(for: request), divisions: renderer.divisions
        )
        return renderer.render("safety-facility", titleKey: "safety_facility_title", page: page, request: request, context: context, status: status)
    }
}
