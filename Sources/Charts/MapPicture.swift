import Foundation

/// A map drawn by the server as SVG, with no tiles, scripts or fonts from elsewhere: land
/// outlines, labelled island groups, and dots (or clusters of dots) that a page can recolour.
/// Equirectangular, with longitudes shrunk by the cosine of the middle latitude so that shapes
/// keep their proportions at Vietnam's latitudes.
public struct MapPicture: Sendable, Equatable {
    public struct Coordinate: Sendable, Equatable {
        public var longitude: Double
        public var latitude: Double

        public init(longitude: Double, latitude: Double) {
            self.longitude = longitude
            self.latitude = latitude
        }
    }

    /// Islands drawn as small shapes and named by one label (an archipelago).
    public struct IslandGroup: Sendable, Equatable {
        public var label: String
        public var islands: [Coordinate]

        public init(label: String, islands: [Coordinate]) {
            self.label = label
            self.islands = islands
        }
    }

    /// A place on the map; `kind` becomes its `data-status` (the page's colours), `id` its `data-facility`.
    public struct Dot: Sendable, Equatable {
        public var id: String
        public var coordinate: Coordinate
        public var kind: String
        public var title: String
        public var link: String?

        public init(id: String, coordinate: Coordinate, kind: String, title: String, link: String?) {
            self.id = id
            self.coordinate = coordinate
            self.kind = kind
            self.title = title
            self.link = link
        }
    }

    /// Many places drawn as one circle (a province's facilities on a national map): sized by
    /// `count`, coloured by `kind`, linked to a closer view.
    public struct Cluster: Sendable, Equatable {
        public var coordinate: Coordinate
        public var count: Int
        public var kind: String
        public var title: String
        public var link: String?

        public init(coordinate: Coordinate, count: Int, kind: String, title: String, link: String?) {
            self.coordinate = coordinate
            self.count = count
            self.kind = kind
            self.title = title
            self.link = link
        }
    }

    /// A rectangle of longitudes and latitudes.
    public struct Area: Sendable, Equatable {
        public var south: Double
        public var west: Double
        public var north: Double
        public var east: Double

        public init(south: Double, west: Double, north: Double, east: Double) {
            self.south = south
            self.west = west
            self.north = north
            self.east = east
        }
    }

    public var title: String
    public var summary: String
    /// Outer rings of the land, in order.
    public var land: [[Coordinate]]
    public var islandGroups: [IslandGroup]
    public var dots: [Dot]
    /// Circles that stand for many places, drawn under the dots.
    public var clusters: [Cluster]
    /// The area shown; nil shows the land, the islands and the dots whole.
    public var area: Area?
    /// More dots than this are drawn as clusters, one per cell of a grid over the picture.
    public var clusterAbove: Int

    public init(
        title: String, summary: String, land: [[Coordinate]], islandGroups: [IslandGroup], dots: [Dot], clusters: [Cluster] = [],
        area: Area? = nil, clusterAbove: Int = 1500
    ) {
        self.title = title
        self.summary = summary
        self.land = land
        self.islandGroups = islandGroups
        self.dots = dots
        self.clusters = clusters
        self.area = area
        self.clusterAbove = clusterAbove
    }

}
