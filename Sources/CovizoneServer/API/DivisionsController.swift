import CovizoneCore
import Hummingbird

/// `GET /api/v1/divisions/provinces` and `GET /api/v1/divisions/provinces/{code}/wards`: public
/// reference data that phones and pages use to pick addresses.
struct DivisionsController: Sendable {
    let divisions: AdministrativeDivisions

    struct List<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
        var items: [Item]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("divisions/provinces", use: provinces)
        group.get("divisions/provinces/{code}/wards", use: wards)
    }

    @Sendable func provinces(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<List<Province>> {
        EditedResponse(headers: [.cacheControl: "public, max-age=86400"], response: List(items: divisions.provinces))
    }

    @Sendable func wards(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<List<Ward>> {
        let code = try context.parameters.require("code")
        guard let wards = divisions.wards(inProvince: code) else {
            throw APIError.notFound("There is no province with code \(code).")
        }
        return EditedResponse(headers: [.cacheControl: "public, max-age=86400"], response: List(items: wards))
    }
}
