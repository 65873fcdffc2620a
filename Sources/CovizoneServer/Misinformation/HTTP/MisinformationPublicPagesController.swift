import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird
import Misinformation

/// The desk's public pages: `GET/POST /misinformation/report` (a citizen's tip, limited per
/// address like the API's), `GET /misinformation/verdicts` (the published verdicts) and `GET
/// /misinformation/verdicts/{id}` (one, with its schema.org ClaimReview for search engines).
struct MisinformationPublicPagesController: Sendable {
    let desk: MisinformationDomain
    let settings: MisinformationSettings
    let divisions: AdministrativeDivisions
    let renderer: PageRenderer
    let publicHost: String

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("misinformation/report") { request, context in
            renderReport(MisinformationReportPage(platformOptions: [], provinceOptions: []), request: request, context: context)
        }
        group.post("misinformation/report", use: report)
        group.get("misinformation/verdicts", use: verdicts)
        group.get("misinformation/verdicts/:id", use: verdict)
    }

    private func renderReport(_ page: MisinformationReportPage, request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        let text = renderer.text(for: request)
        var page = page
        let fields = request.formQuery
        page.platformOptions = [PageOption(code: "", label: text("mis_platform_unknown"), selected: true)]
            + settings.platforms.map { PageOption(code: $0.name, label: text.label("mis_platform_", $0.name), selected: fields["platform"] == $0.name) }
        page.provinceOptions = [PageOption(code: "", label: text("mis_province_unknown"), selected: true)]
            + divisions.provinces.map { PageOption(code: $0.code, label: $0.name, selected: false) }
        return renderer.render("misinformation-report", titleKey: "mis_report_title", page: page, request: request, context: context, status: status)
    }

    /// `POST /misinformation/report` (`text`, `url`, `platform`, `phone`, `provinceCode`).
    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await request.formFields(limit: 16 * 1024)
        let tip = TipService.Tip(
            text: fields["text"] ?? "", url: fields["url"], platform: fields["platform"], phone: fields["phone"], provinceCode: fields["provinceCode"]
        )
        let text = renderer.text(for: request)
        var page = MisinformationReportPage(text: tip.text, url: tip.url ?? "", phone: tip.phone ?? "", platformOptions: [], provinceOptions: [])
        do {
            let received = try await desk.tips.submit(tip, channel: "web", from: context.remoteAddress)
            page = MisinformationReportPage(platformOptions: [], provinceOptions: [])
            page.receivedID = received.item.id
            if received.claim.isPublished {
                let item = VerdictItem(received.claim, language: PageRenderer.language(of: request), text: text)
                page.verdict = .init(statusLabel: item.statusLabel, statusClass: item.statusClass, text: item.verdict, href: "/misinformation/verdicts/\(item.id)")
            }
            return renderReport(page, request: request, context: context)
        } catch let failure as ValidationFailure {
            page.errors = text.fieldErrors(failure.errors, labelPrefix: "mis_field_")
            return renderReport(page, request: request, context: context, status: .unprocessableContent)
        } catch MisinformationError.tooManyTips {
            page.errors = [text("mis_too_many_tips")]
            return renderReport(page, request: request, context: context, status: .tooManyRequests)
        }
    }

    @Sendable func verdicts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let pageRequest = try PageRequest(request: request)
        let found = try await desk.claims.published(beforeID: pageRequest.cursorID, limit: pageRequest.limit + 1)
        let text = renderer.text(for: request), language = PageRenderer.language(of: request)
        let shown = found.prefix(pageRequest.limit)
        let page = MisinformationVerdictsPage(
            items: shown.map { VerdictItem($0, language: language, text: text) },
            nextHref: found.count > pageRequest.limit ? shown.last.map { "/misinformation/verdicts?cursor=" + PageRequest.encodeCursor($0.id) } : nil,
            hasItems: !shown.isEmpty
        )
        return renderer.render("misinformation-verdicts", titleKey: "mis_verdicts_title", page: page, request: request, context: context)
    }

    @Sendable func verdict(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.pathID(of: "Verdict")
        guard let (claim, appearances) = try await desk.claims.publishedClaim(id: id),
            let review = PublishedVerdict.review(of: claim, appearances: appearances, publicHost: publicHost)
        else { throw APIError.notFound("No published verdict \(id).") }
        let text = renderer.text(for: request)
        let page = MisinformationVerdictPage(
            item: VerdictItem(claim, appearances: appearances, language: PageRenderer.language(of: request), text: text), jsonLD: review.embeddableJSON
        )
        return renderer.render("misinformation-verdict", titleKey: "mis_verdicts_title", page: page, request: request, context: context)
    }
}
