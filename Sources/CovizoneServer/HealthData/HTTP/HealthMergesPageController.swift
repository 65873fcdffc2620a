import CovizoneCore
import CovizoneStore
import Hummingbird

/// `GET /health/merges[?status=]`: the merges for a health authority (its province) or the
/// ministry to review; `POST /health/merges/{id}/confirm` and `…/undo` decide one and come back.
struct HealthMergesPageController: Sendable {
    let health: HealthDataDomain
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("health/merges") { request, context in
            let principal = try context.authorize(HealthMergeService.reviewers)
            let text = renderer.text(for: request)
            let status = try HealthMergesController.status(request) ?? (request.uri.queryParameters["status"] == nil ? .pending : nil)
            let merges = try await health.merges.list(status: status, for: principal, beforeID: nil, limit: 100, caller: context.caller)
            let names = try await health.views.names(of: Set(merges.map(\.accountID)))
            let page = HealthMergesPage(
                items: merges.map { HealthMergesPage.item($0, facility: names[$0.accountID], text: text) }, hasItems: !merges.isEmpty,
                statusOptions: [PageOption(code: "", label: text("health_all_statuses"), selected: status == nil)]
                    + HealthMergeStatus.allCases.map { PageOption(code: $0.rawValue, label: text("health_merge_" + $0.rawValue), selected: status == $0) }
            )
            return renderer.render("health-merges", titleKey: "health_merges_title", page: page, request: request, context: context)
        }
        for action in ["confirm", "undo"] {
            group.post("health/merges/:id/\(action)") { request, context in
                let principal = try context.authorize(HealthMergeService.reviewers)
                try context.verifySessionCSRF(try await request.formFields())
                let id = try context.pathID(of: "merge")
                let merge = action == "undo"
                    ? try await health.merges.undo(id, by: principal, caller: context.caller) : try await health.merges.confirm(id, by: principal, caller: context.caller)
                return Response(status: .seeOther, headers: [.location: merge.splitPatientID.map { "/health/cases/\($0)" } ?? "/health/merges"])
            }
        }
    }
}
