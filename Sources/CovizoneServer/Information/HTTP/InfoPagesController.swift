import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird
import OfficialInformation

/// The public information pages: `GET /info`, `GET /info/search?q=&province=`, `GET
/// /info/facilities?service=&near=LAT,LON&province=&q=`, and `POST /info/questions` (a citizen's
/// question, limited per address).
struct InfoPagesController: Sendable {
    let information: InformationDomain
    let divisions: AdministrativeDivisions
    let renderer: PageRenderer
    /// Answers covering less of the question than this are not shown (they match only common words).
    static let shownCoverage = 0.4

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("info") { request, context in try await render(request: request, context: context) }
        group.get("info/search") { request, context in try await render(request: request, context: context, search: true) }
        group.get("info/facilities") { request, context in try await render(request: request, context: context, lookUp: true) }
        group.post("info/questions", use: ask)
    }

    /// The page with what the request asks for.
    func render(request: Request, context: AppRequestContext, search: Bool = false, lookUp: Bool = false, prepare: (inout InfoPage) -> Void = { _ in }) async throws -> Response {
        let text = renderer.text(for: request)
        let language = PageRenderer.language(of: request)
        let query = request.formQuery
        let province = query["province"].flatMap { divisions.province(code: $0)?.code }
        let service = query["service"].flatMap { HealthService(rawValue: $0) }
        var page = InfoPage(province: province, service: service, divisions: divisions, text: text)
        if search {
            page.query = String((query["q"] ?? "").prefix(InfoSearchService.maximumQueryLength))
            page.searched = !SearchText.terms(page.query).isEmpty
            if page.searched {
                page.answers = try await information.search.search(page.query, province: province, limit: 5)
                    .filter { $0.hit.coverage >= Self.shownCoverage }
                    .map { InfoPage.answer($0, language: language, divisions: divisions, text: text) }
            }
        }
        if lookUp {
            page.looked = true
            page.near = query["near"] ?? ""
            page.facilityText = String((query["q"] ?? "").prefix(200))
            if !page.near.isEmpty {
                if let point = GeoPoint(page.near) {
                    page.facilities = try await information.facilities.nearest(to: point, service: service, limit: 10)
                        .map { InfoPage.facility($0.facility, distanceKm: $0.distanceKm, text: text) }
                } else {
                    page.errors = [text("info_near_invalid")]
                }
            } else {
                let filter = HealthFacilityRepository.Filter(provinceCode: province, service: service, text: page.facilityText)
                page.facilities = try await information.facilities.list(filter, afterID: nil, limit: 20).map { InfoPage.facility($0, distanceKm: nil, text: text) }
            }
        }
        page.hotlines = try await information.hotlines.list(province: province).map { InfoPage.hotline($0, language: language, divisions: divisions, text: text) }
        page.announcements = try await information.announcements.current(province: province, tag: nil, beforeID: nil, limit: 5)
            .map { InfoPage.announcement($0, language: language) }
        prepare(&page)
        page.offersQuestion = page.searched || page.asked || !page.askErrors.isEmpty
        let status: HTTPResponse.Status = page.askErrors.isEmpty && page.errors.isEmpty ? .ok : .unprocessableContent
        return renderer.render("info", titleKey: "info_title", page: page, request: request, context: context, status: status)
    }

    /// `POST /info/questions` (`text`, `province`): kept for officers; the page says so.
    @Sendable func ask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await request.formFields(limit: 8 * 1024)
        let text = fields["text"] ?? ""
        let province = fields["province"].flatMap { $0.isEmpty ? nil : $0 }
        do {
            _ = try await information.questions.ask(text, provinceCode: province, channel: "web")
            return try await render(request: request, context: context) { $0.asked = true }
        } catch let failure as ValidationFailure {
            let errors = renderer.text(for: request).fieldErrors(failure.errors, labelPrefix: "info_field_")
            return try await render(request: request, context: context) { page in
                page.askText = text
                page.askErrors = errors
            }
        }
    }
}
