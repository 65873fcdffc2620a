import Foundation

/// A point on the Earth, in degrees (WGS 84).
public struct GeoPoint: Sendable, Equatable, Codable {
    public var longitude: Double
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }
}

/// What an offline map of Vietnam draws: the mainland's outline and the Hoàng Sa and Trường Sa
/// archipelagos as labelled groups of islands (see `Resources/PROVENANCE.md`).
public struct VietnamMap: Sendable, Equatable {
    /// An archipelago: its name and its main islands.
    public struct IslandGroup: Sendable, Equatable {
        public var name: LocalizedText
        public var islands: [GeoPoint]
    }

    /// Outer rings of the mainland.
    public var outline: [[GeoPoint]]
    public var islandGroups: [IslandGroup]

    /// The map shipped with this library.
    public static func bundled() throws -> VietnamMap {
        guard let outlineURL = Bundle.module.url(forResource: "vietnam-outline", withExtension: "geojson"),
            let islandsURL = Bundle.module.url(forResource: "vietnam-islands", withExtension: "json")
        else { throw CocoaError(.fileNoSuchFile) }
        return try VietnamMap(outline: Data(contentsOf: outlineURL), islands: Data(contentsOf: islandsURL))
    }

    /// Reads a GeoJSON FeatureCollection of Polygons and MultiPolygons (outer rings only) and the islands file.
    public init(outline: Data, islands: Data) throws {
        let collection = try JSONDecoder().decode(FeatureCollection.self, from: outline)
        self.outline = collection.features.flatMap { feature in
            switch feature.geometry {
            case .polygon(let rings): rings.prefix(1).map(Self.points)
            case .multiPolygon(let polygons): polygons.compactMap(\.first).map(Self.points)
            }
        }
        islandGroups = try JSONDecoder().decode(IslandsFile.self, from: islands).groups.map { group in
            IslandGroup(name: group.name, islands: group.islands.map { GeoPoint(longitude: $0.longitude, latitude: $0.latitude) })
        }
    }

    private static func points(_ ring: [[Double]]) -> [GeoPoint] {
        ring.compactMap { $0.count >= 2 ? GeoPoint(longitude: $0[0], latitude: $0[1]) : nil }
    }

    private struct FeatureCollection: Decodable {
        var features: [Feature]
    }

    private struct Feature: Decodable {
        var geometry: Geometry
    }

    private enum Geometry: Decodable {
        case polygon([[[Double]]])
        case multiPolygon([[[[Double]]]])

        private enum CodingKeys: String, CodingKey { case type, coordinates }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch try container.decode(String.self, forKey: .type) {
            case "Polygon": self = .polygon(try container.decode([[[Double]]].self, forKey: .coordinates))
            case "MultiPolygon": self = .multiPolygon(try container.decode([[[[Double]]]].self, forKey: .coordinates))
            case let other:
                throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "\(other) is not a Polygon or MultiPolygon")
            }
        }
    }

    private struct IslandsFile: Decodable {
        struct Group: Decodable {
            var name: LocalizedText
            var islands: [Island]
        }

        struct Island: Decodable {
            var longitude: Double
            var latitude: Double
        }

        var groups: [Group]
    }
}
