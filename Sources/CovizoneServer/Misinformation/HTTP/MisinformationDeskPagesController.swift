import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird
import Misinformation
import OfficialInformation

/// The desk's pages: `GET /misinformation` (the queue, figures, the classifier; `POST
/// /misinformation/import`, `POST /misinformation/train`), `GET/POST /misinformation/claims/{id}`
/// (a claim and its decision; `POST …/takedowns`, `POST …/accounts`) and `GET
/// /misinformation/takedowns` (`POST /misinformation/takedowns/{id}` records a step).
struct MisinformationDeskPagesController: Sendable {
    let desk: MisinformationDomain
    let settings: MisinformationSettings
    let divisions: AdministrativeDivisions
    let renderer: PageRenderer
    let clock: WallClock

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("misinformation") { request, context in
            try await renderDesk(principal: try context.authorize(DeskScope.desk), request: request, context: context)
        }
        group.post("misinformation/import", use: importPosts)
        group.post("misinformation/train", use: train)
        group.get("misinformation/claims/:id") { request, context in
            let principal = try context.authorize(DeskScope.desk)
            return try await renderClaim(try context.pathID(of: "Claim"), principal: principal, request: request, context: context)
        }
        group.post("misinformation/claims/:id", use: decide)
        group.post("misinformation/claims/:id/takedowns", use: requestTakedown)
        group.post("misinformation/claims/:id/accounts", use: linkAccount)
        group.get("misinformation/takedowns") { request, context in
            try await renderTakedowns(principal: try context.authorize(DeskScope.desk), request: request, context: context)
        }
        group.post("misinformation/takedowns/:id", use: advanceTakedown)
    }

    private func form(_ request: Request, context: AppRequestContext, limit: Int = 64 * 1024) async throws -> (Principal, [String: String]) {
        try await request.officerForm(context: context, roles: DeskScope.desk, limit: limit)
    }

    private func errors(_ error: any HTTPProblemConvertible, request: Request) -> [String] {
        renderer.text(for: request).problemLines(error, labelPrefix: "mis_field_")
    }

    private func place(_ provinceCode: String?, text: PageText) -> String {
        provinceCode.map { divisions.province(code: $0)?.name ?? $0 } ?? text("mis_national")
    }

    private static func percent(_ score: Double?) -> String {
        score.map { String(format: "%.0f%%", $0 * 100) } ?? "–"
    }

    // MARK: The queue

    private func renderDesk(
        principal: Principal, request: Request, context: AppRequestContext, notice: String? = nil, errors: [String] = []
    ) async throws -> Response {
        let text = renderer.text(for: request)
        let queue = try await desk.claims.queue(by: principal, offset: 0, limit: 100).map { ranked in
            let claim = ranked.claim
            return MisinformationDeskPage.Row(
                id: claim.id, title: claim.title, statusLabel: text("mis_status_\(claim.status.rawValue)"), statusClass: claim.status.rawValue,
                score: Self.percent(claim.score), items: claim.items, reasons: ranked.reasons.joined(separator: ", "), place: place(claim.provinceCode, text: text),
                firstSeenAt: PageText.wallClock(claim.firstSeenAt)
            )
        }
        let model = try await desk.classifier.versions(limit: 1).first.map { model in
            MisinformationDeskPage.Model(
                id: model.id, samples: model.samples, auc: model.evaluation.map { String(format: "%.3f", $0.auc) } ?? "–",
                precision: model.evaluation.map { String(format: "%.2f", $0.precision) } ?? "–", recall: model.evaluation.map { String(format: "%.2f", $0.recall) } ?? "–",
                trainedAt: PageText.wallClock(model.trainedAt), trainedBy: model.trainedBy
            )
        }
        let figures = try await desk.figures.summary(by: principal, days: 30)
        let page = MisinformationDeskPage(
            queue: queue, hasQueue: !queue.isEmpty, model: model, headline: figures.headline(text), tipsChart: figures.tipsChart(text),
            statusChart: figures.statusChart(text), takedownChart: figures.takedownChart(text), notice: notice, errors: errors
        )
        return renderer.render(
            "misinformation", titleKey: "mis_desk_title", page: page, request: request, context: context, status: errors.isEmpty ? .ok : .unprocessableContent
        )
    }

    /// `POST /misinformation/import` (`posts`: CSV with a header, or JSON lines; `format`: `csv` or `jsonl`).
    @Sendable func importPosts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, fields) = try await form(request, context: context, limit: PostImport.maximumBytes)
        let text = renderer.text(for: request)
        do {
            let format = PostImport.Format(rawValue: fields["format"] ?? "") ?? .csv
            let report = try await desk.posts.run(fields["posts"] ?? "", format: format, provinceCode: principal.scope.provinceCode, caller: context.caller)
            let notice = text("mis_imported", ["imported": String(report.imported), "duplicates": String(report.duplicates), "rejected": String(report.rejected)])
            let rows = report.errors.prefix(20).map { text("mis_import_line", ["line": String($0.line)]) + " " + ($0.field.map { text("mis_field_\($0)") + ": " } ?? "") + $0.message }
            return try await renderDesk(principal: principal, request: request, context: context, notice: notice, errors: Array(rows))
        } catch let error as any HTTPProblemConvertible {
            return try await renderDesk(principal: principal, request: request, context: context, errors: errors(error, request: request))
        }
    }

    @Sendable func train(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, _) = try await form(request, context: context)
        do {
            let model = try await desk.classifier.train(by: principal.user.username, caller: context.caller)
            let notice = renderer.text(for: request)("mis_trained", ["id": String(model.id), "auc": model.evaluation.map { String(format: "%.3f", $0.auc) } ?? "–"])
            return try await renderDesk(principal: principal, request: request, context: context, notice: notice)
        } catch let error as MisinformationError {
            return try await renderDesk(principal: principal, request: request, context: context, errors: [error.problem.detail])
        }
    }

    // MARK: A claim

    private func renderClaim(
        _ id: Int64, principal: Principal, request: Request, context: AppRequestContext, notice: String? = nil, errors: [String] = []
    ) async throws -> Response {
        let text = renderer.text(for: request)
        let detail = try await desk.claims.detail(id: id, by: principal, caller: context.caller)
        let claim = detail.claim
        let similar = try await desk.claims.similar(claim.title, by: principal, limit: 6).filter { $0.claim.id != id }.prefix(5).map {
            MisinformationClaimPage.Similar(
                id: $0.claim.id, title: $0.claim.title, similarity: String(format: "%.2f", $0.similarity), statusLabel: text("mis_status_\($0.claim.status.rawValue)")
            )
        }
        let takedowns = try await desk.takedowns.list(by: principal, claimID: id, openOnly: false, beforeID: nil, limit: 50)
        let now = clock.now
        let verdict = claim.verdict?.vi ?? ""
        let page = MisinformationClaimPage(
            id: claim.id, claimTitle: claim.title, statusLabel: text("mis_status_\(claim.status.rawValue)"), statusClass: claim.status.rawValue,
            place: place(claim.provinceCode, text: text), score: Self.percent(claim.score), verdictVi: verdict, verdictEn: claim.verdict?.en ?? "",
            sourceURL: claim.sourceURL ?? "", evidence: claim.evidence.joined(separator: "\n"), published: claim.isPublished,
            publicHref: claim.isPublished ? "/misinformation/verdicts/\(claim.id)" : nil,
            items: detail.items.map { item in
                MisinformationClaimPage.Item(
                    id: item.id, kindLabel: text("mis_kind_\(item.kind.rawValue)"), channel: item.channel, text: item.text, url: item.url,
                    platform: item.platform.map { text.label("mis_platform_", $0) }, author: item.author, postedAt: item.postedAt.map(PageText.wallClock),
                    spread: text("mis_spread", ["likes": String(item.likes), "comments": String(item.comments), "shares": String(item.shares)]),
                    phone: item.phone.map(ClaimEntryItem.masked), score: Self.percent(item.score), receivedAt: PageText.wallClock(item.receivedAt)
                )
            },
            history: detail.events.reversed().map {
                .init(kindLabel: text("mis_event_\($0.kind.rawValue)"), detail: $0.detail, actor: $0.actor, at: PageText.wallClock($0.at))
            },
            similar: Array(similar), hasSimilar: !similar.isEmpty,
            statusOptions: ClaimStatus.allCases.map { PageOption(code: $0.rawValue, label: text("mis_status_\($0.rawValue)"), selected: $0 == claim.status) },
            provinceOptions: provinces(for: principal, selected: claim.provinceCode, text: text),
            platformOptions: settings.platforms.map { PageOption(code: $0.name, label: text.label("mis_platform_", $0.name), selected: false) },
            legalBasis: settings.defaultLegalBasis, takedowns: takedowns.map { .init($0, now: now, text: text) },
            campaignHref: claim.status.isVerdict && !verdict.isEmpty ? Self.campaignHref(claim) : nil,
            announcementHref: claim.status.isVerdict && !verdict.isEmpty ? Self.announcementHref(claim, text: text) : nil,
            notice: notice, errors: errors
        )
        return renderer.render(
            "misinformation-claim", titleKey: "mis_claim_title", page: page, request: request, context: context, status: errors.isEmpty ? .ok : .unprocessableContent
        )
    }

    /// A province's desk decides for its province (taking a national claim into it); the ministry's for the country or any province.
    private func provinces(for principal: Principal, selected: String?, text: PageText) -> [PageOption] {
        if let own = principal.scope.provinceCode { return [PageOption(code: own, label: divisions.province(code: own)?.name ?? own, selected: true)] }
        return [PageOption(code: "", label: text("mis_national"), selected: selected == nil)]
            + divisions.provinces.map { PageOption(code: $0.code, label: $0.name, selected: $0.code == selected) }
    }

    static func campaignHref(_ claim: ClaimRecord) -> String {
        let template = "Covizone: " + String(claim.title.prefix(60)) + " – " + (claim.verdict?.vi ?? "")
        return "/campaigns/new?" + FormEncoding.encode(["name": "Cải chính tin sai #\(claim.id)", "template": String(template.prefix(450))])
    }

    static func announcementHref(_ claim: ClaimRecord, text: PageText) -> String {
        "/info/manage/announcements?" + FormEncoding.encode([
            "titleVi": "Cải chính: " + String(claim.title.prefix(150)), "bodyVi": claim.verdict?.vi ?? "", "titleEn": claim.verdict?.en == nil ? "" : "Correction",
            "bodyEn": claim.verdict?.en ?? "", "tags": "tin-gia",
        ])
    }

    /// `POST /misinformation/claims/{id}`: the decision form (`status`, `verdictVi`, `verdictEn`, `publish`, `provinceCode`, `sourceUrl`, `evidence`, `note`).
    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, fields) = try await form(request, context: context)
        let id = try context.pathID(of: "Claim")
        func optional(_ name: String) -> String? { fields[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        var patch = ClaimPatch(
            status: fields["status"].flatMap(ClaimStatus.init(rawValue:)), publish: fields["publish"] == "on",
            provinceCode: .some(optional("provinceCode")), sourceUrl: .some(optional("sourceUrl")),
            evidence: (fields["evidence"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            note: optional("note")
        )
        if let vi = optional("verdictVi") { patch.verdict = BilingualText(vi: vi, en: optional("verdictEn")) }
        do {
            _ = try await desk.claims.update(id: id, patch, by: principal, caller: context.caller)
            return Response(status: .seeOther, headers: [.location: "/misinformation/claims/\(id)"])
        } catch let error as any HTTPProblemConvertible where error is ValidationFailure || error is MisinformationError {
            if case MisinformationError.claimNotFound = error { throw error }
            return try await renderClaim(id, principal: principal, request: request, context: context, errors: errors(error, request: request))
        }
    }

    /// `POST /misinformation/claims/{id}/takedowns` (`platform`, `legalBasis`).
    @Sendable func requestTakedown(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, fields) = try await form(request, context: context)
        let id = try context.pathID(of: "Claim")
        do {
            let draft = TakedownService.Draft(claimId: id, platform: fields["platform"] ?? "", itemIds: nil, legalBasis: fields["legalBasis"])
            _ = try await desk.takedowns.create(draft, by: principal, caller: context.caller)
            return Response(status: .seeOther, headers: [.location: "/misinformation/takedowns"])
        } catch let error as any HTTPProblemConvertible where error is ValidationFailure || error is MisinformationError {
            if case MisinformationError.claimNotFound = error { throw error }
            return try await renderClaim(id, principal: principal, request: request, context: context, errors: errors(error, request: request))
        }
    }

    /// `POST /misinformation/claims/{id}/accounts` (`platform`, `handle`, `url`).
    @Sendable func linkAccount(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, fields) = try await form(request, context: context)
        let id = try context.pathID(of: "Claim")
        do {
            let link = SpreaderService.Link(platform: fields["platform"] ?? "", handle: fields["handle"] ?? "", url: fields["url"], claimId: id, itemId: nil)
            let account = try await desk.spreaders.link(link, by: principal, caller: context.caller)
            let notice = renderer.text(for: request)("mis_account_linked", ["handle": account.handle])
            return try await renderClaim(id, principal: principal, request: request, context: context, notice: notice)
        } catch let error as any HTTPProblemConvertible where error is ValidationFailure || error is MisinformationError {
            if case MisinformationError.claimNotFound = error { throw error }
            return try await renderClaim(id, principal: principal, request: request, context: context, errors: errors(error, request: request))
        }
    }

    // MARK: Takedowns

    private func renderTakedowns(
        principal: Principal, request: Request, context: AppRequestContext, notice: String? = nil, errors: [String] = []
    ) async throws -> Response {
        let text = renderer.text(for: request)
        let now = clock.now
        let rows = try await desk.takedowns.list(by: principal, claimID: nil, openOnly: false, beforeID: nil, limit: 200).map {
            MisinformationTakedownsPage.Row($0, now: now, text: text)
        }
        let page = MisinformationTakedownsPage(
            rows: rows, hasRows: !rows.isEmpty,
            outcomeOptions: TakedownRecord.Outcome.allCases.map { PageOption(code: $0.rawValue, label: text("mis_outcome_\($0.rawValue)"), selected: $0 == .removed) },
            notice: notice, errors: errors
        )
        return renderer.render(
            "misinformation-takedowns", titleKey: "mis_takedowns_title", page: page, request: request, context: context,
            status: errors.isEmpty ? .ok : .unprocessableContent
        )
    }

    /// `POST /misinformation/takedowns/{id}` (`action`: send, acknowledge, close; `outcome`).
    @Sendable func advanceTakedown(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, fields) = try await form(request, context: context)
        let id = try context.pathID(of: "Takedown request")
        guard let action = fields["action"].flatMap(TakedownService.Step.Action.init(rawValue:)) else {
            return try await renderTakedowns(principal: principal, request: request, context: context, errors: [renderer.text(for: request)("mis_takedown_no_action")])
        }
        do {
            let step = TakedownService.Step(action: action, outcome: fields["outcome"].flatMap(TakedownRecord.Outcome.init(rawValue:)), removedAt: nil)
            _ = try await desk.takedowns.advance(id: id, step, by: principal, caller: context.caller)
            return Response(status: .seeOther, headers: [.location: "/misinformation/takedowns"])
        } catch let error as MisinformationError {
            if case .takedownNotFound = error { throw error }
            return try await renderTakedowns(principal: principal, request: request, context: context, errors: [error.problem.detail])
        }
    }
}
