@testable import CovizoneServer
import CovizoneStore
import FacilitySafety
import Foundation
import PropertyBased
import Testing

@Suite("Safety map GeoJSON writer")
struct SafetyGeoJSONTests {
    @Test("any name and time round-trips through a JSON parser as what was written")
    func roundTrip() async {
        let names = Gen.oneOf(Gen.latin1.string(of: 0...30), Gen.character(in: "\u{0}"..."\u{7f}").string(of: 0...20), Gen.character(in: "à"..."ỹ").string(of: 0...10))
        await propertyCheck(count: 300, input: names, Gen.int(in: -2_000_000_000...4_000_000_000), Gen.bool) { name, seconds, reported in
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let point = FacilityMapPoint(
                id: 7, name: name, type: .market, provinceCode: "01", wardCode: "00070", latitude: 21.0327, longitude: 105.8471, status: .someRisk,
                score: reported ? 42 : nil, riskLevel: reported ? .medium : nil, reportedAt: reported ? date : nil
            )
            let object = try JSONSerialization.jsonObject(with: SafetyGeoJSON(points: [point]).encoded()) as? [String: Any]
            let feature = try #require((object?["features"] as? [[String: Any]])?.first)
            let properties = try #require(feature["properties"] as? [String: Any])
            #expect(properties["name"] as? String == name)
            #expect((feature["geometry"] as? [String: Any])?["coordinates"] as? [Double] == [105.8471, 21.0327])
            if reported {
                #expect(properties["reportedAt"] as? String == date.formatted(.iso8601))
                #expect(properties["score"] as? Int == 42 && properties["riskLevel"] as? String == "medium")
            } else {
                #expect(properties["reportedAt"] is NSNull && properties["score"] is NSNull && properties["riskLevel"] is NSNull)
            }
        }
    }

    @Test("no facility is an empty collection")
    func empty() throws {
        #expect(String(decoding: SafetyGeoJSON(points: []).encoded(), as: UTF8.self) == #"{"type":"FeatureCollection","features":[]}"#)
    }
}
