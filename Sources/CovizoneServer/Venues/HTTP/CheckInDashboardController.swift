import CovizoneCore
import Hummingbird

/// `GET /checkins/dashboard[?hours=N]`: check-ins per hour, per venue type and per province over
/// the last hours, within the account's province (counts only, no personal data).
struct CheckInDashboardController: Sendable {
    let checkIns: CheckInService
    let renderer: PageRenderer

    func addRoutes(to web: RouterGroup<AppRequestContext>) {
        web.get("checkins/dashboard") { request, context in
            let principal = try context.authorize(CheckInStatistics.readers)
            let hours = try request.queryInteger("hours", in: CheckInStatistics.hourRange, default: CheckInStatistics.defaultHours)
            let counts = try await checkIns.counts(hours: hours, for: principal).counts
            let page = CheckInDashboardPage(hours: hours, counts: counts, text: renderer.text(for: request), divisions: renderer.divisions)
            return renderer.render("checkins-dashboard", titleKey: "checkins_title", page: page, request: request, context: context)
        }
    }
}
