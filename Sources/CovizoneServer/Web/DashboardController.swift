import CovizoneCore
import Hummingbird

/// `GET /`: the home dashboard of the signed-in account, with the systems of its role and the
/// headline figures of those it may read.
struct DashboardController: Sendable {
    let figures: DashboardFigures
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/", use: dashboard)
    }

    /// The dashboard's model: the systems of the account's role, linked where it may open them.
    struct Page: Sendable {
        struct System: Sendable {
            var id: String
            var title: String
            var summary: String
            var path: String?
            var figure: DashboardFigures.Figure?
        }

        var systems: [System]
    }

    @Sendable func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(Set(Role.allCases))
        let text = renderer.text(for: request)
        let figures = try await figures.figures(for: principal, text: text)
        let systems = SystemCatalog.entries(for: principal.user.role).map { entry in
            Page.System(
                id: entry.id, title: text("system_\(entry.id)_title"), summary: text("system_\(entry.id)_summary"), path: entry.path(for: principal.user.role),
                figure: figures[entry.id]
            )
        }
        return renderer.render("dashboard", titleKey: "dashboard_title", page: Page(systems: systems), request: request, context: context)
    }
}
