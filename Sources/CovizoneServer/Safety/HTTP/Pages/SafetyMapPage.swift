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

    /// The page of `filter`: `points` holds a province's facilities, nil for the whole country,
    /// which the map draws as one circle per province from `counts`.
    init(
        filter: SafetyMapService.Filter, points: [FacilityMapPoint]?, counts: [FacilityRepository.StatusCount],
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
        let facilities = points ?? []
        rows = Self.listed(facilities).map { point in
            Row(
                id: point.id, name: point.name, type: labels.type(point.type), status: point.status.rawValue, statusLabel: labels.status(point.status),
                score: point.status == .notReported ? "–" : point.score.map { "\($0) %" } ?? "–"
            )
        }
        hasRows = !rows.isEmpty
        listNote = filter.provinceCode == nil
            ? text("safety_list_choose_province") : text("safety_list_note", ["shown": String(rows.count), "total": String(facilities.count)])
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
        map = Self.picture(points: points, counts: counts, filter: filter, geography: geography, labels: labels, text: text, divisions: divisions).svg()
    }

    /// One circle per province at the mean of its facilities' coordinates (of one status when
    /// the filter names one), coloured by its commonest status, linked to the province's map.
    private static func provinceClusters(
        _ counts: [FacilityRepository.StatusCount], status: SafetyStatus?, labels: SafetyLabels, divisions: AdministrativeDivisions
    ) -> [MapPicture.Cluster] {
        Dictionary(grouping: counts, by: \.provinceCode).sorted { $0.key < $1.key }.compactMap { code, rows in
            let shown = rows.filter { status == nil || $0.status == status }
            let count = shown.reduce(0) { $0 + $1.count }
            guard count > 0 else { return nil }
            let latitude = shown.reduce(0) { $0 + $1.latitudeSum } / Double(count)
            let longitude = shown.reduce(0) { $0 + $1.longitudeSum } / Double(count)
            let commonest = rows.max { $0.count < $1.count }?.status ?? .notReported
            let name = divisions.province(code: code)?.name ?? code
            let title = "\(name): " + rows.sorted { $0.status.rawValue < $1.status.rawValue }.map { "\(labels.status($0.status)) \($0.count)" }
                .joined(separator: ", ")
            return MapPicture.Cluster(
                coordinate: .init(longitude: longitude, latitude: latitude), count: count, kind: (status ?? commonest).rawValue, title: title,
                link: "/safety?province=\(code)"
            )
        }
    }

    /// The list's facilities: red first, then yellow, grey and green (what needs attention heads
    /// it), by name within a colour, at most ``listLimit``; only the colours that fill it are sorted.
    private static func listed(_ points: [FacilityMapPoint]) -> [FacilityMapPoint] {
        let byStatus = Dictionary(grouping: points, by: \.status)
        var listed: [FacilityMapPoint] = []
        for status in [SafetyStatus.unsafe, .someRisk, .notReported, .safe] where listed.count < listLimit {
            let group = (byStatus[status] ?? []).sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            listed += group.prefix(listLimit - listed.count)
        }
        return listed
    }

    /// The map: the whole country, or the chosen province's facilities close up.
    private static func picture(
        points: [FacilityMapPoint]?, counts: [FacilityRepository.StatusCount], filter: SafetyMapService.Filter, geography: VietnamMap,
        labels: SafetyLabels, text: PageText, divisions: AdministrativeDivisions
    ) -> MapPicture {
        let language = text.language.rawValue
        let clusters = points == nil ? provinceClusters(counts, status: filter.status, labels: labels, divisions: divisions) : []
        let points = points ?? []
        let coordinates = points.map { MapPicture.Coordinate(longitude: $0.longitude, latitude: $0.latitude) }
        let statusLabels = Dictionary(uniqueKeysWithValues: SafetyStatus.allCases.map { ($0, labels.status($0)) })
        let total = counts.reduce(0) { $0 + $1.count }
        let unsafe = counts.filter { $0.status == .unsafe }.reduce(0) { $0 + $1.count }
        return MapPicture(
            title: text("safety_map_title"),
            summary: text("safety_map_summary", ["count": String(total), "unsafe": String(unsafe)]),
            land: geography.outline.map { $0.map { MapPicture.Coordinate(longitude: $0.longitude, latitude: $0.latitude) } },
            islandGroups: geography.islandGroups.map { group in
                MapPicture.IslandGroup(label: group.name.text(in: language), islands: group.islands.map { MapPicture.Coordinate(longitude: $0.longitude, latitude: $0.latitude) })
            },
            dots: zip(points, coordinates).map { point, coordinate in
                MapPicture.Dot(
                    id: String(point.id), coordinate: coordinate, kind: point.status.rawValue, title: "\(point.name) · \(statusLabels[point.status] ?? "")",
                    link: "/safety/facilities/\(point.id)"
                )
            },
            clusters: clusters,
            area: filter.provinceCode == nil ? nil : MapPicture.Area.around(coordinates)
        )
    }
}
