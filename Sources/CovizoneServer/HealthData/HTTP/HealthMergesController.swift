import CovizoneCore
import CovizoneStore
import Hummingbird

/// The merges officers review: `GET /api/v1/health/merges[?status=pending|confirmed|undone]`,
/// `POST /api/v1/health/merges/{id}/confirm`, `POST /api/v1/health/merges/{id}/undo` (the
/// facility's reports split off to a person of their own).
struct HealthMergesController: Sendable {
    let health: HealthDataDomain

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("health/merges", use: list)
        group.post("health/merges/:id/confirm") { request, context in
            let principal = try context.authorize(HealthMergeService.reviewers)
            return try await json(try await health.merges.confirm(try context.pathID(of: "merge"), by: principal, caller: context.caller))
        }
        group.post("health/merges/:id/undo") { request, context in
            let principal = try context.authorize(HealthMergeService.reviewers)
            return try await json(try await health.merges.undo(try context.pathID(of: "merge"), by: principal, caller: context.caller))
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(HealthMergeService.reviewers)
        let status = try Self.status(request)
        let page = try PageRequest(request: request)
        let merges = try await health.merges.list(status: status, for: principal, beforeID: page.cursorID, limit: page.limit + 1, caller: context.caller)
        let names = try await health.views.names(of: Set(merges.map(\.accountID)))
        return try Page(fetched: merges, limit: page.limit, id: \.id) { HealthJSON.Merge($0, facilityName: names[$0.accountID]) }
            .response(from: request, context: context)
    }

    /// The `status` query parameter (every status when absent).
    static func status(_ request: Request) throws -> HealthMergeStatus? {
        guard let text = request.uri.queryParameters["status"].map(String.init), !text.isEmpty else { return nil }
        guard let status = HealthMergeStatus(rawValue: text) else {
            throw APIError.invalid([FieldError(field: "status", message: "must be pending, confirmed or undone")])
        }
        return status
    }

    private func json(_ merge: HealthMergeRecord) async throws -> HealthJSON.Merge {
        HealthJSON.Merge(merge, facilityName: try await health.views.names(of: [merge.accountID])[merge.accountID])
    }
}
