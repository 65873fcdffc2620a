import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation
import Hummingbird

/// The public map's data: `GET /api/v1/safety/map.geojson?province=&type=&status=` (RFC 7946,
/// each Feature written by the database: `FacilityRepository.geoJSONFeatures`),
/// the locality risk levels `GET /api/v1/safety/wards?province=` and the health authorities'
/// `PUT /api/v1/safety/wards/{wardCode}/risk-level`, and the officers' `GET /api/v1/safety/statistics`.
struct SafetyMapController: Sendable {
    let map: SafetyMapService
    let statistics: SafetyStatisticsService
    let divisions: AdministrativeDivisions
    static let wardSetters: Set<Role> = [.healthAuthority]
    static let officers: Set<Role> = [.provinceOfficer, .healthAuthority, .ministryAdmin]

    struct WardLevelChange: Decodable {
        var level: String
        var note: String?
    }

    struct SuggestedWard: Encodable, Sendable {
        var wardCode: String
        var outbreaks: Int
    }

    struct WardLevels: ResponseEncodable {
        var items: [WardLevelItem]
        var nextCursor: String?
        /// Health authorities and officers only: wards with a recent outbreak, to review.
        var suggestedForReview: [SuggestedWard]?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("safety/map.geojson", use: geoJSON)
        group.get("safety/wards", use: wards)
        group.put("safety/wards/:wardCode/risk-level", use: setWardLevel)
        group.get("safety/statistics", use: figures)
    }

    @Sendable func geoJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let filter = try map.filter(
            province: query["province"].map(String.init), type: query["type"].map(String.init), status: query["status"].map(String.init)
        )
        let features = try await map.geoJSONFeatures(filter)
        var body = ByteBuffer()
        body.reserveCapacity(features.reduce(64) { $0 + $1.utf8.count + 1 })
        body.writeString(#"{"type":"FeatureCollection","features":["#)
        for (index, feature) in features.enumerated() {
            if index > 0 { body.writeString(",") }
            body.writeString(feature)
        }
        body.writeString("]}")
        return Response(
            status: .ok, headers: [.contentType: "application/geo+json", .cacheControl: "public, max-age=5", .accessControlAllowOrigin: "*"],
            body: ResponseBody(byteBuffer: body)
        )
    }

    @Sendable func wards(_ request: Request, context: AppRequestContext) async throws -> WardLevels {
        let province = try request.queryProvince(divisions: divisions)
        let levels = try await map.wardLevels(provinceCode: province)
        var suggested: [SuggestedWard]?
        if let principal = context.identity, Self.officers.contains(principal.user.role) {
            suggested = try await map.suggestedWards(provinceCode: principal.scope.provinceCode ?? province)
                .map { SuggestedWard(wardCode: $0.wardCode, outbreaks: $0.outbreaks) }
        }
        return WardLevels(items: levels.map(WardLevelItem.init), nextCursor: nil, suggestedForReview: suggested)
    }

    @Sendable func setWardLevel(_ request: Request, context: AppRequestContext) async throws -> WardLevelItem {
        let principal = try context.authorize(Self.wardSetters)
        let body = try await request.decodeJSON(as: WardLevelChange.self, context: context)
        let stored = try await map.setWardLevel(
            wardCode: context.parameters.get("wardCode") ?? "", level: body.level, note: body.note ?? "", by: principal, caller: context.caller
        )
        return WardLevelItem(stored)
    }

    @Sendable func figures(_ request: Request, context: AppRequestContext) async throws -> SafetyFiguresJSON {
        let principal = try context.authorize(Self.officers)
        return SafetyFiguresJSON(try await statistics.figures(province: try request.queryProvince(divisions: divisions), by: principal))
    }
}
