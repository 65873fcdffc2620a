import Charts
import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation

/// The model of the public `GET /safety`: the map with a dot per facility coloured by today's
/// status, filters, counts per status and per province, a list beside the map, and the wards'
/// risk levels of the chosen province.
struct SafetyMapPage: Sendable {
    struct Row: Sendable {
        var id: Int64
        var name: String
        var type: String
        var status: String
        var statusLabel: String
        var score: String
    }

    struct StatusCount: Sendable {
        var status: String
        var label: String
        var count: Int
    }

    struct ProvinceRow: Sendable {
        var code: String
        var name: String
        var counts: [Int]
        var total: Int
    }

    struct WardRow: Sendable {
        var name: String
        var level: String
        var label: String
        var note: String
    }

    /// The list beside the map shows at most this many facilities.
    static let listLimit = 200

    var provinces: [PageOption]
    var types: [PageOption]
    var statuses: [PageOption]
    var map: String
    var statusCounts: [StatusCount]
    var statusHeaders: [String]
    var provinceRows: [ProvinceRow]
    var rows: [Row]
    var hasRows: Bool
    var listNote: String
    var wards: [WardRow]
    var hasWards: Bool
    var geoJSONLink: String

    init(
        filter: SafetyMapService.Filter, points: [FacilityMapPoint], counts: [(provinceCode: String, status: SafetyStatus, count: Int)],
        wardLevels: [WardRiskRecord], geography: VietnamMap, text: PageText, divisions: AdministrativeDivisions
    ) {
        let labels = SafetyLabels(text: text)
        provinces = divisions.provinces.map { PageOption(code: $0.code, label: $0.name, selected: $0.code == filter.provinceCode) }
        types = labels.typeOptions(selected: filter.type?.rawValue)
        statuses = labels.statusOptions(selected: filter.status?.rawValue)
        statusHeaders = SafetyStatus.allCases.map(labels.status)
        statusCounts = SafetyStatus.allCases.map { status in
            StatusCount(status: status.rawValue, label: labels.status(status), count: counts.filter { $0.status == status }.reduce(0) { $0 + $1.count })
        }
        provinceRows = Dictionary(grouping: counts, by: \.provinceCode).keys.sorted().map { code in
            let row = counts.filter { $0.provinceCode == code }
            let perStatus = SafetyStatus.allCases.map { status in row.first { $0.status == status }?.count ?? 0 }
            return ProvinceRow(code: code, name: divisions.province(code: code)?.name ?? code, counts: perStatus, total: perStatus.reduce(0, +))
        }
        let listed = points.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
        rows = listed.prefix(Self.listLimit).map { point in
            Row(
                id: point.id, name: point.name, type: labels.type(point.type), status: point.status.rawValue, statusLabel: labels.status(point.status),
                score: point.score.map { "\($0) %" } ?? "–"
            )
        }
        hasRows = !rows.isEmpty
        listNote = text("safety_list_note", ["shown": String(rows.count), "total": String(points.count)])
        wards = wardLevels.map { record in
            WardRow(
                name: divisions.ward(code: record.wardCode)?.name ?? record.wardCode, level: record.level.rawValue, label: labels.wardLevel(record.level),
                note: record.note
            )
        }
        hasWards = !wards.isEmpty
        let query = [("province", filter.provinceCode), ("type", filter.type?.rawValue), ("status", filter.status?.rawValue)]
            .compactMap { name, value in value.map { "\(name)=\($0)" } }.joined(separator: "&")
        geoJSONLink = "/api/v1/safety/map.geojson" + (query.isEmpty ? "" : "?" + query)
        map = Self.picture(points: points, filter: filter, geography: geography, labels: labels, text: text).svg()
    }

    /// The map: the whole country, or the chosen province's facilities close up.
    private static func picture(points: [FacilityMapPoint], filter: SafetyMapService.Filter, geography: VietnamMap, labels: SafetyLabels, text: PageText) -> MapPicture {
        let coordinates = points.map { MapPicture.Coordinate(longitude: $0.longitude, latitude: $0.latitude) }
        let language = text.language.rawValue
        return MapPicture(
            title: text("safety_map_title"),
            summary: text("safety_map_summary", ["count": String(points.count), "unsafe": String(points.count { $0.status == .unsafe })]),
            land: geography.outline.map { $0.map { MapPicture.Coordinate(longitude: $0.longitude, latitude: $0.latitude) } },
            islandGroups: geography.islandGroups.map { group in
                MapPicture.IslandGroup(label: group.name.text(in: language), islands: group.islands.map { MapPicture.Coordinate(longitude: $0.longitude, latitude: $0.latitude) })
            },
            dots: zip(points, coordinates).map { point, coordinate in
                MapPicture.Dot(
                    id: String(point.id), coordinate: coordinate, kind: point.status.rawValue, title: "\(point.name) · \(labels.status(point.status))",
                    link: "/safety/facilities/\(point.id)"
                )
            },
            area: filter.provinceCode == nil ? nil : MapPicture.Area.around(coordinates)
        )
    }
}
