@testable import CovizoneServer
import CovizoneCore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Health data exchange pages")
struct HealthPagesTests {
    let web = WebPagesTests()

    func csrf(in page: TestResponse) throws -> String {
        String(try #require(page.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1))
    }

    @Test("a clinic enters a case by form (a bad field keeps what was typed); the province reads it, issues its code, sees figures and downloads", arguments: TestEngine.available)
    func formAndViews(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let cases = try await HealthCasesFixture.make(server, client)
            let clinic = try await web.signIn(client, username: "bv-a", password: "correct horse battery")
            let form = try await client.get("/health/cases/new", headers: [.cookie: "covizone_session=\(clinic)"])
            #expect(form.status == .ok && form.text.contains("id=\"field-testedAt\"") && form.text.contains("type=\"datetime-local\""))
            var fields = [
                "_csrf": try csrf(in: form), "name": "Nguyễn Thị Hoa", "identifier": "001190000077", "phone": "0912000777", "provinceCode": "01",
                "diagnosis": "confirmed", "test": "pcr", "result": "positive", "testedAt": "2030-01-14T09:00",
            ]
            let refused = try await web.postForm(client, "/health/cases/new", fields, cookies: ["covizone_session": clinic])
            #expect(refused.status == .unprocessableContent && refused.text.contains("id=\"form-errors\""))
            #expect(refused.text.contains("Thời điểm xét nghiệm phải là ngày giờ có thật, không ở tương lai.") && !refused.text.contains("is in the future"), "in the page's language")
            #expect(refused.text.contains("value=\"Nguyễn Thị Hoa\"") && refused.text.contains("value=\"2030-01-14T09:00\""), "what was typed stays")
            fields["testedAt"] = "2027-01-14T09:00"
            let saved = try await web.postForm(client, "/health/cases/new", fields, cookies: ["covizone_session": clinic])
            #expect(saved.status == .seeOther, "\(saved.text)")
            let location = try #require(saved.headers[.location])
            let id = try #require(Int(location.dropFirst("/health/cases/".count)))
            let stored = try await cases.get("/api/v1/health/cases/\(id)", as: "syt-hn").json()
            let changes = (stored["changes"] as? [[String: Any]])?.compactMap { $0["status"] as? String }
            #expect(changes == ["confirmed"] && (stored["case"] as? [String: Any])?["phone"] as? String == "+84912000777")
            let confirmedAt = (stored["changes"] as? [[String: Any]])?.first?["at"] as? String
            #expect(confirmedAt == "2027-01-14T02:00:00Z", "the form's time is Vietnam time")
            #expect(try await client.get("/health/cases/new", headers: [.cookie: "covizone_session=\(try await web.signIn(client, username: "syt-hn", password: "correct horse battery"))"]).status == .forbidden)

            let officer = try await web.signIn(client, username: "syt-hn", password: "correct horse battery")
            let cookie: HTTPFields = [.cookie: "covizone_session=\(officer)"]
            let home = try await client.get("/", headers: cookie)
            #expect(home.text.contains("1 ca đang điều trị, 1 ca xác nhận trong 14 ngày, 0 giường đang dùng."), "the dashboard's headline of data sharing")
            let list = try await client.get("/health", headers: cookie)
            #expect(list.status == .ok && list.text.contains("href=\"/health/cases/\(id)\"") && list.text.contains("••••0077"))
            #expect(list.text.contains("id=\"merges-link\""), "the health authority reviews merges")
            #expect(!list.text.contains("001190000077"))
            func reads() async throws -> Int {
                let audit = try await cases.get("/api/v1/audit?limit=200", as: "admin").json()
                return (audit["items"] as? [[String: Any]])?.filter { $0["action"] as? String == "health.cases.read" }.count ?? 0
            }
            let readsBefore = try await reads()
            let page = try await client.get("/health/cases/\(id)", headers: cookie)
            #expect(try await reads() == readsBefore + 1, "the case page reads the case once, its links included")
            #expect(page.text.contains("id=\"issue-upload-code\"") && page.text.contains("id=\"no-venues\""))
            let issued = try await web.postForm(client, "/health/cases/\(id)/upload-code", ["_csrf": try csrf(in: page)], cookies: ["covizone_session": officer])
            #expect(issued.status == .ok && issued.text.firstMatch(of: /id="short-code">\d{8}</) != nil)
            let facilityView = try await client.get("/health/cases/\(id)", headers: [.cookie: "covizone_session=\(clinic)"])
            #expect(facilityView.status == .ok && !facilityView.text.contains("issue-upload-code"), "the facility reads its case but does not trace")
            #expect(!facilityView.text.contains("id=\"merges-link\""), "nor reviews merges")

            let figures = try await client.get("/health/figures?days=7", headers: cookie)
            #expect(figures.status == .ok && figures.text.contains("<svg") && figures.text.contains("id=\"facility-beds\"") == false)
            #expect(figures.text.contains("<td>2027-01-14</td><td>0</td><td>1</td><td>1</td>"))
            let export = try await client.get("/health/figures/export?format=adx&days=7", headers: cookie)
            #expect(export.status == .ok && export.text.contains("dataElement=\"COVID19_NEW_CONFIRMED\" value=\"1\""))
            let csv = try await client.get("/health/cases.csv", headers: cookie)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8" && csv.text.contains("Nguyễn Thị Hoa"))
            #expect(try await client.get("/health?province=79", headers: cookie).status == .forbidden)
        }
    }
}
