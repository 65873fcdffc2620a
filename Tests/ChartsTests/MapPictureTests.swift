@testable import Charts
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("SVG maps")
struct MapPictureTests {
    static let land: [[MapPicture.Coordinate]] = [[.init(longitude: 102, latitude: 8), .init(longitude: 110, latitude: 8), .init(longitude: 106, latitude: 23)]]
    static let islands = [MapPicture.IslandGroup(label: "Quần đảo Hoàng Sa (Việt Nam)", islands: [.init(longitude: 112.3, latitude: 16.8), .init(longitude: 111.6, latitude: 16.5)])]

    func dot(_ id: Int, _ longitude: Double, _ latitude: Double, kind: String = "safe") -> MapPicture.Dot {
        MapPicture.Dot(id: String(id), coordinate: .init(longitude: longitude, latitude: latitude), kind: kind, title: "Chợ <\(id)> & co", link: "/safety/facilities/\(id)")
    }

    /// The centre of each dot by its id.
    func centres(_ svg: String) throws -> [String: (x: Double, y: Double)] {
        let pattern = try Regex(#"data-facility="([0-9]+)" data-status="[a-z-]+" cx="([0-9.]+)" cy="([0-9.]+)""#)
        var centres: [String: (x: Double, y: Double)] = [:]
        for match in svg.matches(of: pattern) {
            centres[String(match.output[1].substring ?? "")] = (Double(match.output[2].substring ?? "") ?? -1, Double(match.output[3].substring ?? "") ?? -1)
        }
        return centres
    }

    @Test("dots keep their places' order west to east and north to south, carry their colour and link, and the island group is labelled")
    func dotsAndIslands() throws {
        let hanoi = dot(1, 105.85, 21.03, kind: "unsafe")
        let saigon = dot(2, 106.70, 10.78)
        let picture = MapPicture(title: "Bản đồ", summary: "Hai cơ sở", land: Self.land, islandGroups: Self.islands, dots: [hanoi, saigon])
        let svg = picture.svg(width: 600)
        let centres = try centres(svg)
        let north = try #require(centres["1"])
        let south = try #require(centres["2"])
        #expect(north.y < south.y && north.x < south.x)
        #expect(svg.contains(#"<a href="/safety/facilities/1"><circle class="dot" data-facility="1" data-status="unsafe""#))
        #expect(svg.contains("<title>Chợ &lt;1&gt; &amp; co</title>"), "titles are escaped")
        #expect(svg.contains(">Quần đảo Hoàng Sa (Việt Nam)</text>") && svg.components(separatedBy: #"class="island""#).count == 3)
        #expect(svg.contains("<desc>Hai cơ sở</desc>") && svg.contains(#"role="img""#))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "well-formed XML")
    }

    @Test("the picture keeps the area's proportions: one degree of longitude is shorter than one of latitude away from the equator")
    func proportions() throws {
        let area = MapPicture.Area(south: 20, west: 105, north: 22, east: 107)
        let svg = MapPicture(title: "t", summary: "s", land: [], islandGroups: [], dots: [], area: area).svg(width: 600)
        let box = try #require(svg.firstMatch(of: /viewBox="0 0 ([0-9.]+) ([0-9.]+)"/))
        let height = try #require(Double(box.output.2))
        #expect(abs(height - 600 / cos(21 * Double.pi / 180)) < 1)
    }

    @Test("past the threshold dots become clusters on a grid; given clusters are drawn sized by count and linked")
    func clusters() throws {
        let many = (0..<2_000).map { dot($0, 105 + Double($0 % 40) * 0.01, 20 + Double($0 / 40) * 0.01) }
        let area = MapPicture.Area(south: 19, west: 104, north: 22, east: 108)
        let crowded = MapPicture(title: "t", summary: "s", land: [], islandGroups: [], dots: many, area: area, clusterAbove: 1_500).svg()
        #expect(!crowded.contains(#"class="dot""#))
        let cells = crowded.components(separatedBy: #"class="cluster""#).count - 1
        #expect(cells > 10 && cells < 2_000)
        let provinces = [
            MapPicture.Cluster(coordinate: .init(longitude: 105.8, latitude: 21), count: 400, kind: "safe", title: "Hà Nội: 400", link: "/safety?province=01"),
            MapPicture.Cluster(coordinate: .init(longitude: 106.7, latitude: 10.8), count: 100, kind: "unsafe", title: "TP HCM: 100", link: "/safety?province=79"),
        ]
        let country = MapPicture(title: "t", summary: "s", land: Self.land, islandGroups: [], dots: [], clusters: provinces).svg()
        let radii = country.matches(of: /class="cluster" data-status="[a-z]+" cx="[0-9.]+" cy="[0-9.]+" r="([0-9.]+)"/).compactMap { Double($0.output.1) }
        #expect(radii == [12, 6], "area proportional to the count: a quarter of the facilities, half the radius")
        #expect(country.contains(#"<a href="/safety?province=79"><circle class="cluster" data-status="unsafe""#))
    }
}
