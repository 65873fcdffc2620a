import Foundation

extension MapPicture {
    /// The picture as an SVG element `width` units wide (its height follows the area's shape),
    /// scaled to its container's width.
    public func svg(width: Double = 600) -> String {
        let projection = MapProjection(area: shownArea, width: width)
        var svg = ##"<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 \##(Chart.number(width)) \##(Chart.number(projection.height))" role="img">"##
        svg += "<title>\(Chart.escaped(title))</title><desc>\(Chart.escaped(summary))</desc>"
        svg += ##"<rect class="sea" x="0" y="0" width="\##(Chart.number(width))" height="\##(Chart.number(projection.height))"/>"##
        for ring in land {
            let points = ring.map { projection.point($0) }.map { "\(Chart.number($0.x)),\(Chart.number($0.y))" }.joined(separator: " ")
            svg += ##"<polygon class="land" points="\##(points)"/>"##
        }
        for group in islandGroups { svg += islands(group, projection) }
        let largest = clusters.map(\.count).max() ?? 1
        svg += clusters.map { cluster($0, largest: largest, projection) }.joined()
        svg += dots.count > clusterAbove ? gridClusters(projection) : dots.map { dot($0, projection) }.joined()
        return svg + "</svg>"
    }

    /// The area to show: the one asked for, or everything drawn, with a margin.
    var shownArea: Area {
        if let area { return area }
        let all = land.flatMap { $0 } + islandGroups.flatMap(\.islands) + dots.map(\.coordinate) + clusters.map(\.coordinate)
        return Area.around(all) ?? Area(south: 0, west: 0, north: 1, east: 1)
    }

    private func islands(_ group: IslandGroup, _ projection: MapProjection) -> String {
        let points = group.islands.map { projection.point($0) }
        guard !points.isEmpty else { return "" }
        var svg = ##"<g class="islands">"##
        for point in points { svg += ##"<circle class="island" cx="\##(Chart.number(point.x))" cy="\##(Chart.number(point.y))" r="1.6"/>"## }
        let x = points.map(\.x).reduce(0, +) / Double(points.count)
        let y = (points.map(\.y).min() ?? 0) - 6
        svg += ##"<text class="island-label" x="\##(Chart.number(x))" y="\##(Chart.number(y))" text-anchor="middle" font-size="10">\##(Chart.escaped(group.label))</text>"##
        return svg + "</g>"
    }

    private func dot(_ dot: Dot, _ projection: MapProjection) -> String {
        let point = projection.point(dot.coordinate)
        let circle = ##"<circle class="dot" data-facility="\##(Chart.escaped(dot.id))" data-status="\##(Chart.escaped(dot.kind))" cx="\##(Chart.number(point.x))" cy="\##(Chart.number(point.y))" r="5"><title>\##(Chart.escaped(dot.title))</title></circle>"##
        guard let link = dot.link else { return circle }
        return ##"<a href="\##(Chart.escaped(link))">\##(circle)</a>"##
    }

    /// A given cluster, its area proportional to its count (the largest 24 units across).
    private func cluster(_ cluster: Cluster, largest: Int, _ projection: MapProjection) -> String {
        let point = projection.point(cluster.coordinate)
        let radius = max(4, 12 * (Double(cluster.count) / Double(max(1, largest))).squareRoot())
        let circle = ##"<circle class="cluster" data-status="\##(Chart.escaped(cluster.kind))" cx="\##(Chart.number(point.x))" cy="\##(Chart.number(point.y))" r="\##(Chart.number(radius))"><title>\##(Chart.escaped(cluster.title))</title></circle>"##
        guard let link = cluster.link else { return circle }
        return ##"<a href="\##(Chart.escaped(link))">\##(circle)</a>"##
    }

    /// Dots gathered per grid cell (about 60 across): one circle per cell, sized by how many it
    /// holds and coloured by the kind most of them have; its title counts each kind.
    private func gridClusters(_ projection: MapProjection) -> String {
        let cell = projection.width / 60
        // A cell's key is row × 10,000 + column: rows come first when sorted, as they are drawn.
        // Each cell keeps only how many dots of each kind it holds.
        var cells: [Int: [String: Int]] = [:]
        for dot in dots {
            let point = projection.point(dot.coordinate)
            cells[Int(point.y / cell) * 10_000 + Int(point.x / cell), default: [:]][dot.kind, default: 0] += 1
        }
        return cells.keys.sorted().map { key in
            let kinds = cells[key] ?? [:]
            let count = kinds.values.reduce(0, +)
            let major = kinds.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
            let title = "\(count): " + kinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let radius = min(cell * 0.9, 3 + 2 * log2(Double(count)))
            let x = (Double(key % 10_000) + 0.5) * cell
            let y = (Double(key / 10_000) + 0.5) * cell
            return ##"<circle class="cluster" data-status="\##(Chart.escaped(major))" cx="\##(Chart.number(x))" cy="\##(Chart.number(y))" r="\##(Chart.number(radius))"><title>\##(Chart.escaped(title))</title></circle>"##
        }.joined()
    }
}

/// From longitude and latitude to the picture's units.
struct MapProjection {
    let west: Double
    let north: Double
    let scale: Double
    let width: Double
    let height: Double
    let shrink: Double

    init(area: MapPicture.Area, width: Double) {
        shrink = cos((area.south + area.north) / 2 * .pi / 180)
        west = area.west
        north = area.north
        self.width = width
        scale = width / max(0.000_1, (area.east - area.west) * shrink)
        height = max(1, (area.north - area.south) * scale)
    }

    func point(_ coordinate: MapPicture.Coordinate) -> (x: Double, y: Double) {
        ((coordinate.longitude - west) * shrink * scale, (north - coordinate.latitude) * scale)
    }
}

extension MapPicture.Area {
    /// The smallest area holding `coordinates`, with a margin of 3 % (and at least 0.01°); nil for none.
    public static func around(_ coordinates: [MapPicture.Coordinate]) -> MapPicture.Area? {
        guard let first = coordinates.first else { return nil }
        var box = MapPicture.Area(south: first.latitude, west: first.longitude, north: first.latitude, east: first.longitude)
        for point in coordinates {
            box = MapPicture.Area(
                south: min(box.south, point.latitude), west: min(box.west, point.longitude), north: max(box.north, point.latitude),
                east: max(box.east, point.longitude)
            )
        }
        let margin = max(box.north - box.south, box.east - box.west) * 0.03 + 0.01
        return MapPicture.Area(south: box.south - margin, west: box.west - margin, north: box.north + margin, east: box.east + margin)
    }
}
