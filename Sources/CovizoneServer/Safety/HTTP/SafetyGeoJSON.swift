import CovizoneStore
import FacilitySafety
import Foundation

/// The facilities as an RFC 7946 FeatureCollection: one Point per facility, longitude first,
/// with the properties QGIS, Leaflet or a newsroom need to colour it (`id, name, type, status,
/// score, riskLevel, reportedAt`, nulls written out). Written straight into a string: a large
/// province has tens of thousands of features, and `JSONEncoder` would take most of the answer's time.
struct SafetyGeoJSON {
    let points: [FacilityMapPoint]

    /// The document as UTF-8 JSON, times in ISO 8601 (UTC, whole seconds).
    func encoded() -> Data {
        var json = #"{"type":"FeatureCollection","features":["#
        json.reserveCapacity(points.count * 260 + 64)
        for (index, point) in points.enumerated() {
            if index > 0 { json += "," }
            json += #"{"type":"Feature","id":\#(point.id),"geometry":{"type":"Point","coordinates":[\#(point.longitude),\#(point.latitude)]},"#
            json += #""properties":{"id":\#(point.id),"name":"#
            Self.appendString(point.name, to: &json)
            json += #","type":"\#(point.type.rawValue)","status":"\#(point.status.rawValue)","score":\#(point.score.map(String.init) ?? "null"),"#
            json += #""riskLevel":\#(point.riskLevel.map { "\"\($0.rawValue)\"" } ?? "null"),"#
            json += #""reportedAt":\#(point.reportedAt.map { "\"\(Self.iso8601($0))\"" } ?? "null")}}"#
        }
        json += "]}"
        return Data(json.utf8)
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped.
    static func appendString(_ text: String, to json: inout String) {
        json += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20: json += String(format: "\\u%04x", scalar.value)
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }

    /// `2027-01-15T08:00:00Z`, from the days-from-civil arithmetic (no calendar objects).
    static func iso8601(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(year)-\(two(month))-\(two(day))T\(two(time / 3600)):\(two(time / 60 % 60)):\(two(time % 60))Z"
    }
}
