@testable import CovizoneServer
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Official information: public pages, feed, widget and signage")
struct InformationPagesTests {
    let web = WebPagesTests()

    /// A server with one national entry, a Hà Nội testing site, and a national and a Hà Nội announcement.
    func withContent(_ body: @escaping @Sendable (TestServer, any TestClientProtocol) async throws -> Void) async throws {
        try await TestServer.run { server, client in
            let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            #expect(try await admin.send(.post, "/api/v1/info/entries", json: InformationAPITests.isolation).status == .created)
            for (name, latitude, longitude) in [("Trạm y tế phường Hàng Bạc", 21.0340, 105.8530), ("Bệnh viện Đức Giang", 21.0652, 105.8957)] {
                let facility = InformationDirectoryAPITests.facility(name, services: ["testing"], latitude: latitude, longitude: longitude)
                #expect(try await admin.send(.post, "/api/v1/info/facilities", json: facility).status == .created)
            }
            for (title, province, tags) in [("Tiêm mũi nhắc lại & <mũi 4>", nil, ["ICT_anti_nCoV"]), ("Hà Nội: lấy mẫu", "01", [])] as [(String, String?, [String])] {
                var announcement: [String: Any] = ["title": ["vi": title, "en": "In English: \(title)"], "body": ["vi": "Nội dung \(title)"], "tags": tags]
                announcement["provinceCode"] = province
                #expect(try await admin.send(.post, "/api/v1/info/announcements", json: announcement).status == .created)
            }
            try await body(server, client)
        }
    }

    @Test("a search without diacritics shows the answer; a question is kept, an empty one answered with the error on the page")
    func search() async throws {
        try await withContent { _, client in
            let page = try await client.get("/info/search?q=cach+ly+tai+nha")
            #expect(page.status == .ok && page.text.contains("Cách ly tại nhà bao nhiêu ngày?") && page.text.contains("id=\"info-ask-form\""))
            let none = try await client.get("/info/search?q=nuoi+ca+canh")
            #expect(none.text.contains("id=\"info-no-answer\""))
            let refused = try await web.postForm(client, "/info/questions", ["text": "?"], cookies: [:])
            #expect(refused.status == .unprocessableContent && refused.text.contains("class=\"error\""))
            let asked = try await web.postForm(client, "/info/questions", ["text": "Nuôi cá cảnh có lây Covid không?", "province": "01"], cookies: [:])
            #expect(asked.status == .ok && asked.text.contains("id=\"info-asked\""))
        }
    }

    @Test("the facility finder lists the nearest testing site first with its distance; a bad position is a readable error")
    func facilities() async throws {
        try await withContent { _, client in
            let page = try await client.get("/info/facilities?service=testing&near=21.0285%2C105.8542")
            let names = page.text.matches(of: /<li data-facility="\d+"><h3>([^<]+)/).map { String($0.1).trimmingCharacters(in: .whitespaces) }
            #expect(names == ["Trạm y tế phường Hàng Bạc", "Bệnh viện Đức Giang"])
            #expect(page.text.contains("0.6 km"), "0.62 km by the great circle")
            let bad = try await client.get("/info/facilities?near=abc")
            #expect(bad.status == .unprocessableContent && bad.text.contains("class=\"error\""))
            let words = try await client.get("/info/facilities?q=duc+giang")
            #expect(words.text.contains("Bệnh viện Đức Giang") && !words.text.contains("Hàng Bạc</h3>"))
        }
    }

    @Test("the Atom feed validates against RFC 4287: one id, title, updated and author for the feed, and for each entry an id, title, updated, content and link")
    func atom() async throws {
        try await withContent { _, client in
            let response = try await client.get("/info/announcements.atom?province=79&lang=en")
            #expect(response.status == .ok && response.headers[.contentType] == "application/atom+xml; charset=utf-8")
            let document = try XMLDocument(data: Data(response.text.utf8))
            let feed = try #require(document.rootElement())
            #expect(feed.name == "feed" && feed.uri == "http://www.w3.org/2005/Atom")
            for name in ["id", "title", "updated", "author"] { #expect(feed.elements(forName: name).count == 1, "feed/\(name)") }
            #expect(feed.elements(forName: "link").contains { Self.attribute("rel", of: $0) == "self" })
            let entries = feed.elements(forName: "entry")
            #expect(entries.count == 1, "Hồ Chí Minh City sees the national announcement only")
            var ids: Set<String> = []
            for entry in entries {
                for name in ["id", "title", "updated", "content"] { #expect(entry.elements(forName: name).count == 1, "entry/\(name)") }
                let id = try #require(entry.elements(forName: "id").first?.stringValue)
                #expect(ids.insert(id).inserted && URL(string: id)?.scheme == "https")
                let updated = try #require(entry.elements(forName: "updated").first?.stringValue)
                #expect((try? Date(updated, strategy: .iso8601)) != nil, "RFC 3339 time: \(updated)")
                #expect(entry.elements(forName: "title").first?.stringValue == "In English: Tiêm mũi nhắc lại & <mũi 4>")
                #expect(entry.elements(forName: "category").first.flatMap { Self.attribute("term", of: $0) } == "ICT_anti_nCoV")
                #expect(entry.elements(forName: "link").first.flatMap { Self.attribute("href", of: $0) }?.hasPrefix("https://") == true)
            }
            let hanoi = try XMLDocument(data: Data(try await client.get("/info/announcements.atom?province=01").text.utf8))
            #expect(hanoi.rootElement()?.elements(forName: "entry").count == 2)
            #expect(try await client.get("/info/announcements.atom?province=99").status == .unprocessableContent)
        }
    }

    /// An attribute's value (looked up by name: FoundationXML's `attribute(forName:)` misses them in a namespaced document).
    static func attribute(_ name: String, of element: XMLElement) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }

    @Test("partners frame the widget (its own policy, no script); the tag page lists the tagged; the signage screen shows slides, hotlines and its worker")
    func relays() async throws {
        try await withContent { _, client in
            let widget = try await client.get("/info/widget?province=01")
            #expect(widget.headers[.contentSecurityPolicy]?.contains("frame-ancestors *") == true && !widget.text.contains("<script"))
            #expect(widget.text.contains("Hà Nội: lấy mẫu") && widget.text.contains("tel:19009095"))
            #expect(try await client.get("/info").headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            let tag = try await client.get("/info/tags/ICT_anti_nCoV")
            #expect(tag.text.contains("Tiêm mũi nhắc lại &amp; &lt;mũi 4&gt;") && !tag.text.contains("Hà Nội: lấy mẫu"))
            let signage = try await client.get("/info/signage?province=01")
            #expect(signage.text.matches(of: /<section class="slide/).count == 2 && signage.text.contains("19009095"))
            let worker = try await client.get("/info/signage-worker.js")
            #expect(worker.status == .ok && worker.headers[.contentType]?.hasPrefix("text/javascript") == true)
        }
    }
}
