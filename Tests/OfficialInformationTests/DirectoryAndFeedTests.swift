import CovizoneCore
import Foundation
import OfficialInformation
import PropertyBased
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Official information: places, question groups, feeds")
struct DirectoryAndFeedTests {
    @Test("great-circle distances: Hoàn Kiếm to Bến Thành is about 1,144 km; a point is 0 km from itself")
    func distances() throws {
        let hanoi = try #require(GeoPoint("21.0285,105.8542"))
        let saigon = try #require(GeoPoint(checkingLatitude: 10.7725, longitude: 106.6980))
        #expect(abs(hanoi.distanceKm(to: saigon) - 1_144) < 1)
        #expect(hanoi.distanceKm(to: hanoi) == 0)
        #expect(GeoPoint("91,0") == nil && GeoPoint("21") == nil && GeoPoint("a,b") == nil && GeoPoint("nan,1") == nil && GeoPoint("1,181") == nil)
    }

    @Test("every point within a radius lies in the radius's box (property-based)")
    func boxes() async {
        await propertyCheck(
            count: 300, input: Gen.double(in: -85...85), Gen.double(in: -179...179), Gen.double(in: 0.1...500), Gen.double(in: 0...(2 * .pi)), Gen.double(in: 0...1)
        ) { latitude, longitude, radius, bearing, fraction in
            guard let centre = GeoPoint(checkingLatitude: latitude, longitude: longitude) else { return }
            // A point at `fraction` of the radius along `bearing` (spherical destination formula).
            let δ = radius * fraction / GeoPoint.earthRadiusKm, φ1 = latitude * .pi / 180, λ1 = longitude * .pi / 180
            let φ2 = asin(sin(φ1) * cos(δ) + cos(φ1) * sin(δ) * cos(bearing))
            let λ2 = λ1 + atan2(sin(bearing) * sin(δ) * cos(φ1), cos(δ) - sin(φ1) * sin(φ2))
            var longitude2 = λ2 * 180 / .pi
            if longitude2 > 180 { longitude2 -= 360 }
            if longitude2 < -180 { longitude2 += 360 }
            let box = centre.box(radiusKm: radius)
            #expect(box.latitudes.contains(φ2 * 180 / .pi))
            #expect(box.longitudes.contains(longitude2))
        }
    }

    @Test("services are kept as bits and read back")
    func services() {
        let bits = HealthService.bits(of: [.testing, .pharmacy])
        #expect(HealthService.services(in: bits) == [.testing, .pharmacy])
        #expect(HealthService.services(in: HealthService.bits(of: HealthService.allCases)) == HealthService.allCases)
    }

    @Test("questions asking the same thing are grouped, the largest group first, synonyms read as one")
    func questionGroups() {
        let synonyms = SynonymGroups([["xét nghiệm", "test"]])
        let groups = QuestionGroups.group(
            [
                (1, "Chó mèo có lây Covid không?"), (2, "test nhanh ở đâu rẻ"), (3, "Xét nghiệm nhanh ở đâu rẻ?"), (4, "xet nghiem nhanh o dau re nhat"),
                (5, "chó mèo có lây covid ko"),
            ], synonyms: synonyms
        )
        #expect(groups == [[2, 3, 4], [1, 5]])
    }

    @Test("the Atom feed is well-formed XML with what RFC 4287 requires of a feed and its entries")
    func atom() throws {
        let published = Date(timeIntervalSince1970: 1_800_000_000)
        let feed = AtomFeed(
            id: "https://covizone.example/info/announcements", title: "Thông báo", subtitle: "Bộ Y tế", selfLink: "https://covizone.example/info/announcements.atom",
            alternateLink: "https://covizone.example/info/announcements", author: "Covizone", language: "vi",
            entries: [
                .init(id: "https://covizone.example/info/announcements/7", title: "Tiêm <mũi 3> & 4", updated: published + 0.7, published: published, content: "Nội dung\nhai dòng",
                      link: "https://covizone.example/info/announcements/7", categories: ["ICT_anti_nCoV"])
            ], emptyUpdated: published
        )
        let xml = feed.xml
        #expect(xml.contains("<updated>2027-01-15T08:00:00Z</updated>"))
        #expect(xml.contains("<title>Tiêm &lt;mũi 3&gt; &amp; 4</title>"))
        let document = try XMLDocument(data: Data(xml.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "feed" && root.uri == "http://www.w3.org/2005/Atom")
        for name in ["id", "title", "updated", "author"] { #expect(root.elements(forName: name).count == 1, "feed \(name)") }
        let entry = try #require(root.elements(forName: "entry").first)
        for name in ["id", "title", "updated", "content"] { #expect(entry.elements(forName: name).count == 1, "entry \(name)") }
        #expect(entry.elements(forName: "content").first?.stringValue == "Nội dung\nhai dòng")
    }

    @Test("bilingual texts: English falls back to Vietnamese; Vietnamese is required and lengths are limited")
    func bilingual() {
        #expect(BilingualText(vi: "Xin chào").text(in: "en") == "Xin chào")
        #expect(BilingualText(vi: "Xin chào", en: "Hello").text(in: "en") == "Hello")
        #expect(BilingualText(vi: " ", en: String(repeating: "a", count: 11)).problems(as: "title", maximumLength: 10).map(\.field) == ["title.vi", "title.en"])
        #expect(BilingualText(vi: " a ", en: " ").trimmed == BilingualText(vi: "a"))
    }
}
