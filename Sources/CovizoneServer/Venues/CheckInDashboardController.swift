import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// Check-ins per hour, per venue type and per province over the last hours, within the
/// account's province: `GET /api/v1/checkins/statistics[?hours=N]` and the
/// `GET /checkins/dashboard` page (counts only, no personal data).
struct CheckInDashboardController: Sendable {
    let environment: AppEnvironment
    static let readers: Set<Role> = [.provinceOfficer, .healthAuthority, .ministryAdmin]
    static let defaultHours = 24

    struct HourCount: Encodable, Sendable {
        var hour: String
        var count: Int
    }

    struct TypeCount: Encodable, Sendable {
        var type: String
        var count: Int
    }

    struct ProvinceCount: Encodable, Sendable {
        var provinceCode: String
        var count: Int
    }

    struct Statistics: ResponseEncodable {
        var since: String
        var hours: Int
        var total: Int
        var perHour: [HourCount]
        var perVenueType: [TypeCount]
        var perProvince: [ProvinceCount]
    }

    func addRoutes(api: RouterGroup<AppRequestContext>, web: RouterGroup<AppRequestContext>) {
        api.get("checkins/statistics") { request, context -> Statistics in
            let principal = try context.authorize(Self.readers)
            return try await statistics(hours: try Self.hours(request), for: principal)
        }
        web.get("checkins/dashboard") { request, context in
            let principal = try context.authorize(Self.readers)
            let statistics = try await statistics(hours: try Self.hours(request), for: principal)
            let language = PageRenderer.language(of: request)
            let localizer = environment.renderer.localizer
            func bars<T>(_ items: [T], label: (T) -> String, count: (T) -> Int) -> [[String: Any]] {
                let most = max(1, items.map(count).max() ?? 1)
                return items.map { ["label": label($0), "count": count($0), "width": max(1, count($0) * 100 / most)] }
            }
            let model: [String: Any] = [
                "hours": statistics.hours, "total": statistics.total, "hasData": statistics.total > 0,
                "perHour": bars(statistics.perHour, label: { Self.hourLabel($0.hour) }, count: \.count),
                "perType": bars(statistics.perVenueType, label: { localizer.string("venue_type_\($0.type)", language) }, count: \.count),
                "perProvince": bars(
                    statistics.perProvince, label: { environment.divisions.province(code: $0.provinceCode)?.name ?? $0.provinceCode }, count: \.count
                ),
                "periods": [24, 72, 168].map { ["hours": $0, "current": $0 == statistics.hours] },
            ]
            return environment.renderer.render("checkins-dashboard", titleKey: "checkins_title", model: model, request: request, context: context)
        }
    }

    func statistics(hours: Int, for principal: Principal) async throws -> Statistics {
        let now = environment.clock.now
        let since = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600 - Double(hours - 1) * 3600)
        let counts = try await CheckInStatisticsRepository(database: environment.database).counts(since: since, provinceCode: principal.scope.provinceCode)
        return Statistics(
            since: since.formatted(.iso8601), hours: hours, total: counts.total,
            perHour: counts.perHour.map { HourCount(hour: Date(timeIntervalSince1970: Double($0.key) ?? 0).formatted(.iso8601), count: $0.count) },
            perVenueType: counts.perVenueType.map { TypeCount(type: $0.key, count: $0.count) },
            perProvince: counts.perProvince.map { ProvinceCount(provinceCode: $0.key, count: $0.count) }
        )
    }

    /// `2026-11-23 14:00` in Vietnam time.
    static func hourLabel(_ iso: String) -> String {
        guard let date = try? Date(iso, strategy: .iso8601) else { return iso }
        return VietnamLocalTime.string(of: date).replacingOccurrences(of: "T", with: " ")
    }

    /// `?hours=N` (1 to 168), default 24.
    static func hours(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters["hours"] else { return defaultHours }
        guard let hours = Int(String(text)), (1...168).contains(hours) else {
            throw APIError.invalid([FieldError(field: "hours", message: "must be a whole number from 1 to 168")])
        }
        return hours
    }
}
