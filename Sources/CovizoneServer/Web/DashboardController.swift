import CovizoneCore
import Hummingbird

/// `GET /`: the home dashboard of the signed-in account, with the systems of its role.
struct DashboardController: Sendable {
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/", use: dashboard)
    }

    @Sendable func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(Set(Role.allCases))
        let language = PageRenderer.language(of: request)
        let systems: [[String: Any]] = SystemCatalog.entries(for: principal.user.role).map { entry in
            var item: [String: Any] = [
                "id": entry.id,
                "title": renderer.localizer.string("system_\(entry.id)_title", language),
                "summary": renderer.localizer.string("system_\(entry.id)_summary", language),
            ]
            if let path = entry.path(for: principal.user.role) { item["path"] = path }
            return item
        }
        return renderer.render("dashboard", titleKey: "dashboard_title", page: ["systems": systems], request: request, context: context)
    }
}
