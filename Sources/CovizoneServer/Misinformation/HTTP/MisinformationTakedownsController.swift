import CovizoneCore
import Foundation
import Hummingbird

/// Takedown requests and spreader accounts: `POST /api/v1/misinformation/takedowns` → 201,
/// `GET /api/v1/misinformation/takedowns?claimId=&open=true`, `GET/PATCH
/// /api/v1/misinformation/takedowns/{id}` (`{action: send|acknowledge|close, outcome?,
/// removedAt?}`), `GET /api/v1/misinformation/takedowns/{id}/export?format=csv|json`; `POST
/// /api/v1/misinformation/accounts` (link an account to a claim) → 201, `GET
/// /api/v1/misinformation/accounts[/{id}]`, `POST /api/v1/misinformation/accounts/{id}/decisions` → 201.
struct MisinformationTakedownsController: Sendable {
    let takedowns: TakedownService
    let spreaders: SpreaderService
    let clock: WallClock

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("misinformation/takedowns", use: create)
        group.get("misinformation/takedowns", use: list)
        group.get("misinformation/takedowns/:id", use: show)
        group.patch("misinformation/takedowns/:id", use: advance)
        group.get("misinformation/takedowns/:id/export", use: export)
        group.post("misinformation/accounts", use: link)
        group.get("misinformation/accounts", use: accounts)
        group.get("misinformation/accounts/:id", use: account)
        group.post("misinformation/accounts/:id/decisions", use: decide)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<TakedownItem> {
        let principal = try context.authorize(DeskScope.desk)
        let draft = try await request.decodeJSON(as: TakedownService.Draft.self, context: context)
        return EditedResponse(status: .created, response: TakedownItem(try await takedowns.create(draft, by: principal, caller: context.caller), now: clock.now))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<TakedownItem> {
        let principal = try context.authorize(DeskScope.desk)
        let page = try PageRequest(request: request)
        let found = try await takedowns.list(
            by: principal, claimID: try request.queryID("claimId"), openOnly: request.uri.queryParameters["open"] == "true", beforeID: page.cursorID,
            limit: page.limit + 1
        )
        let now = clock.now
        return Page(fetched: found, limit: page.limit, id: \.id, item: { TakedownItem($0, now: now) })
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> TakedownItem {
        let principal = try context.authorize(DeskScope.desk)
        return TakedownItem(try await takedowns.readable(try context.pathID(of: "Takedown request"), by: principal), now: clock.now)
    }

    @Sendable func advance(_ request: Request, context: AppRequestContext) async throws -> TakedownItem {
        let principal = try context.authorize(DeskScope.desk)
        let step = try await request.decodeJSON(as: TakedownService.Step.self, context: context)
        let id = try context.pathID(of: "Takedown request")
        return TakedownItem(try await takedowns.advance(id: id, step, by: principal, caller: context.caller), now: clock.now)
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(DeskScope.desk)
        let id = try context.pathID(of: "Takedown request")
        let format = request.uri.queryParameters["format"].map(String.init) ?? "csv"
        guard format == "csv" || format == "json" else { throw APIError.invalid([FieldError(field: "format", message: "must be csv or json")]) }
        let rows = try await takedowns.export(id: id, by: principal, caller: context.caller)
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return .attachment(ByteBuffer(data: try encoder.encode(rows)), contentType: "application/json", filename: "takedown-\(id).json")
        }
        var csv = CSVWriter.row(["request_id", "platform", "url", "author", "posted_at", "excerpt", "claim_id", "verdict", "legal_basis", "requested_at"])
        for row in rows {
            csv += CSVWriter.row([
                String(row.requestId), row.platform, row.url, row.author ?? "", row.postedAt.map { $0.formatted(.iso8601) } ?? "", row.excerpt, String(row.claimId),
                row.verdict, row.legalBasis, row.requestedAt.formatted(.iso8601),
            ])
        }
        return .attachment(ByteBuffer(string: csv), contentType: "text/csv; charset=utf-8", filename: "takedown-\(id).csv")
    }

    @Sendable func link(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<SpreaderItem> {
        let principal = try context.authorize(DeskScope.desk)
        let link = try await request.decodeJSON(as: SpreaderService.Link.self, context: context)
        return EditedResponse(status: .created, response: SpreaderItem(try await spreaders.link(link, by: principal, caller: context.caller)))
    }

    @Sendable func accounts(_ request: Request, context: AppRequestContext) async throws -> Page<SpreaderItem> {
        let principal = try context.authorize(DeskScope.desk)
        let page = try PageRequest(request: request)
        let found = try await spreaders.list(by: principal, caller: context.caller, beforeID: page.cursorID, limit: page.limit + 1)
        return Page(fetched: found, limit: page.limit, id: \.id, item: SpreaderItem.init)
    }

    @Sendable func account(_ request: Request, context: AppRequestContext) async throws -> SpreaderItem {
        let principal = try context.authorize(DeskScope.desk)
        return SpreaderItem(try await spreaders.read(try context.pathID(of: "Spreader account"), by: principal, caller: context.caller))
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<SpreaderItem> {
        let principal = try context.authorize(DeskScope.desk)
        let decision = try await request.decodeJSON(as: SpreaderService.Decision.self, context: context)
        let id = try context.pathID(of: "Spreader account")
        return EditedResponse(status: .created, response: SpreaderItem(try await spreaders.decide(accountID: id, decision, by: principal, caller: context.caller)))
    }
}
