import CovizoneStore
import FacilitySafety
import Foundation

/// The facilities as an RFC 7946 FeatureCollection: one Point per facility, longitude first,
/// with the properties QGIS, Leaflet or a newsroom need to colour it.
struct SafetyGeoJSON: Encodable {
    struct Feature: Encodable {
        struct Geometry: Encodable {
            let type = "Point"
            var coordinates: [Double]
        }

        struct Properties: Encodable {
            var id: Int64
            var name: String
            var type: FacilityType
            var status: SafetyStatus
            var score: Int?
            var riskLevel: RiskLevel?
            var reportedAt: Date?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(id, forKey: .id)
                try container.encode(name, forKey: .name)
                try container.encode(type, forKey: .type)
                try container.encode(status, forKey: .status)
                try container.encode(score, forKey: .score)  // explicit null: never self-checked
                try container.encode(riskLevel, forKey: .riskLevel)
                try container.encode(reportedAt, forKey: .reportedAt)
            }

            private enum CodingKeys: String, CodingKey {
                case id, name, type, status, score, riskLevel, reportedAt
            }
        }

        let type = "Feature"
        var id: Int64
        var geometry: Geometry
        var properties: Properties
    }

    let type = "FeatureCollection"
    var features: [Feature]

    init(points: [FacilityMapPoint]) {
        features = points.map { point in
            Feature(
                id: point.id, geometry: .init(coordinates: [point.longitude, point.latitude]),
                properties: .init(
                    id: point.id, name: point.name, type: point.type, status: point.status, score: point.score, riskLevel: point.riskLevel,
                    reportedAt: point.reportedAt
                )
            )
        }
    }

    /// The document as UTF-8 JSON, times in ISO 8601.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .withoutEscapingSlashes
        return try encoder.encode(self)
    }
}
