import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation
import Hummingbird

/// The officers' pages: `GET /safety/review[?status=]` and `POST /safety/review/{id}` (the
/// moderation of citizens' reports), `GET /safety/statistics` (figures, the chart, the wards)
/// and the health authority's `POST /safety/wards` (a ward's risk level).
struct SafetyOfficerPagesController: Sendable {
    let facilities: FacilityService
    let feedback: FeedbackService
    let map: SafetyMapService
    let statistics: SafetyStatisticsService
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("safety/review", use: review)
        group.post("safety/review/:id") { request, context in
            let principal = try context.authorize(FeedbackService.moderators)
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            _ = try await feedback.review(
                try context.pathID(of: "Report"), decision: fields["decision"] ?? "", note: fields["note"] ?? "", by: principal, caller: context.caller
            )
            return Response(status: .seeOther, headers: [.location: "/safety/review"])
        }
        group.get("safety/statistics", use: figures)
        group.post("safety/wards") { request, context in
            let principal = try context.authorize(SafetyMapController.wardSetters)
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            _ = try await map.setWardLevel(
                wardCode: fields["wardCode"] ?? "", level: fields["level"] ?? "", note: fields["note"] ?? "", by: principal, caller: context.caller
            )
            return Response(status: .seeOther, headers: [.location: "/safety/statistics#wards"])
        }
    }

    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(FeedbackService.moderators)
        let status = request.uri.queryParameters["status"].flatMap { FeedbackStatus(rawValue: String($0)) } ?? .inReview
        let reports = try await feedback.queue(status: status, province: nil, by: principal, caller: context.caller, beforeID: nil, limit: 100)
        var names: [Int64: String] = [:]
        for id in Set(reports.map(\.facilityID)) { names[id] = try? await facilities.facility(id).details.name }
        let page = SafetyReviewPage(reports: reports, facilityNames: names, status: status, text: renderer.text(for: request))
        return renderer.render("safety-review", titleKey: "safety_review_title", page: page, request: request, context: context)
    }

    @Sendable func figures(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(SafetyMapController.officers)
        let province = try principal.scope.provinceCode ?? request.queryProvince(divisions: renderer.divisions)
        let page = SafetyStatisticsPage(
            figures: try await statistics.figures(province: province, by: principal), wardLevels: try await map.wardLevels(provinceCode: province),
            suggestions: try await map.suggestedWards(provinceCode: province), provinceCode: province,
            canSetLevels: SafetyMapController.wardSetters.contains(principal.user.role), text: renderer.text(for: request), divisions: renderer.divisions
        )
        return renderer.render("safety-statistics", titleKey: "safety_statistics_title", page: page, request: request, context: context)
    }
}
