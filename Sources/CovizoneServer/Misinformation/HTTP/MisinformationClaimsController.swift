import CovizoneCore
import Foundation
import Hummingbird
import Misinformation

/// The desk's claims: `GET /api/v1/misinformation/claims?status=` (newest first), `GET
/// /api/v1/misinformation/queue` (highest score first, with the words that ranked it), `GET/PATCH
/// /api/v1/misinformation/claims/{id}`, `GET /api/v1/misinformation/similar?text=`, `POST
/// /api/v1/misinformation/posts/import` (CSV or JSON lines) → 201 with the row report, the
/// classifier's versions (`GET/POST /api/v1/misinformation/models`) and `GET
/// /api/v1/misinformation/figures?days=`.
struct MisinformationClaimsController: Sendable {
    let desk: MisinformationDomain
    let divisions: AdministrativeDivisions
    let clock: WallClock

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("misinformation/claims", use: list)
        group.get("misinformation/queue", use: queue)
        group.get("misinformation/claims/:id", use: show)
        group.patch("misinformation/claims/:id", use: update)
        group.get("misinformation/similar", use: similar)
        group.post("misinformation/posts/import", use: importPosts)
        group.get("misinformation/models", use: models)
        group.post("misinformation/models", use: train)
        group.get("misinformation/figures", use: figures)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<ClaimItem> {
        let principal = try context.authorize(DeskScope.desk)
        let page = try PageRequest(request: request)
        var statuses: [ClaimStatus]?
        if let text = request.uri.queryParameters["status"].map(String.init) {
            let parsed = text.split(separator: ",").map { ClaimStatus(rawValue: String($0)) }
            guard !parsed.isEmpty, !parsed.contains(nil) else {
                throw APIError.invalid([FieldError(field: "status", message: "must be one or more of " + ClaimStatus.allCases.map(\.rawValue).joined(separator: ", "))])
            }
            statuses = parsed.compactMap { $0 }
        }
        let found = try await desk.claims.list(statuses: statuses, by: principal, beforeID: page.cursorID, limit: page.limit + 1)
        return Page(fetched: found, limit: page.limit, id: \.id, item: { ClaimItem($0) })
    }

    /// The queue pages by position: its order moves as scores change.
    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Page<ClaimItem> {
        let principal = try context.authorize(DeskScope.desk)
        let page = try PageRequest(request: request)
        let offset = Int(page.cursorID ?? 0)
        let ranked = try await desk.claims.queue(by: principal, offset: offset, limit: page.limit + 1)
        let positioned = ranked.enumerated().map { (position: Int64(offset + $0.offset + 1), ranked: $0.element) }
        return Page(fetched: positioned, limit: page.limit, id: \.position, item: { ClaimItem($0.ranked.claim, reasons: $0.ranked.reasons) })
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> ClaimDetailItem {
        let principal = try context.authorize(DeskScope.desk)
        return ClaimDetailItem(try await desk.claims.detail(id: try context.pathID(of: "Claim"), by: principal, caller: context.caller))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> ClaimItem {
        let principal = try context.authorize(DeskScope.desk)
        let patch = try await request.decodeJSON(as: ClaimPatch.self, context: context, limit: 32_768)
        guard !patch.isEmpty else { throw APIError.malformed("Send at least one field to change.") }
        return ClaimItem(try await desk.claims.update(id: try context.pathID(of: "Claim"), patch, by: principal, caller: context.caller))
    }

    struct Similar: Encodable, Sendable {
        var claimId: Int64
        var similarity: Double
        var title: String
        var status: ClaimStatus
    }

    @Sendable func similar(_ request: Request, context: AppRequestContext) async throws -> Page<Similar> {
        let principal = try context.authorize(DeskScope.desk)
        let text = request.uri.queryParameters["text"].map(String.init) ?? ""
        let limit = try request.queryInteger("limit", in: 1...50, default: 10)
        let found = try await desk.claims.similar(text, by: principal, limit: limit).map {
            Similar(claimId: $0.claim.id, similarity: ($0.similarity * 1_000).rounded() / 1_000, title: $0.claim.title, status: $0.claim.status)
        }
        return Page(fetched: found, limit: found.count, id: \.claimId)
    }

    /// `text/csv`, or JSON lines (`application/x-ndjson`, `application/jsonl`); `?province=` for the ministry.
    @Sendable func importPosts(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<PostImport.Report> {
        let principal = try context.authorize(DeskScope.desk)
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let format: PostImport.Format
        if contentType.hasPrefix("text/csv") {
            format = .csv
        } else if contentType.hasPrefix("application/x-ndjson") || contentType.hasPrefix("application/jsonl") || contentType.hasPrefix("application/json-lines") {
            format = .jsonLines
        } else {
            throw APIError(.unsupportedMediaType, "Send the posts as text/csv or as JSON lines (application/x-ndjson).")
        }
        let buffer = try await request.body.collect(upTo: PostImport.maximumBytes)
        guard let body = String(validating: buffer.readableBytesView, as: UTF8.self) else { throw CSVImportError.notUTF8 }
        let province = try principal.scope.provinceCode ?? request.queryProvince(divisions: divisions)
        let report = try await desk.posts.run(body, format: format, provinceCode: province, caller: context.caller)
        return EditedResponse(status: report.imported > 0 ? .created : .ok, response: report)
    }

    @Sendable func models(_ request: Request, context: AppRequestContext) async throws -> Page<ModelItem> {
        _ = try context.authorize(DeskScope.desk)
        let limit = try request.queryInteger("limit", in: 1...100, default: 20)
        let found = try await desk.classifier.versions(limit: limit)
        return Page(fetched: found, limit: found.count, id: \.id, item: ModelItem.init)
    }

    @Sendable func train(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ModelItem> {
        let principal = try context.authorize(DeskScope.desk)
        let model = try await desk.classifier.train(by: principal.user.username, caller: context.caller)
        return EditedResponse(status: .created, response: ModelItem(model))
    }

    struct Figures: ResponseEncodable {
        struct Day: Encodable, Sendable {
            var date: String
            var tips: Int
        }

        struct Platform: Encodable, Sendable {
            var platform: String
            var outcomes: [String: Int]
            var overdue: Int
        }

        var days: [Day]
        var claimsByStatus: [String: Int]
        var medianHoursToVerdict: Double?
        var takedowns: [Platform]
    }

    @Sendable func figures(_ request: Request, context: AppRequestContext) async throws -> Figures {
        let principal = try context.authorize(DeskScope.desk)
        let summary = try await desk.figures.summary(by: principal, days: try request.queryInteger("days", in: 1...366, default: 30))
        return Figures(
            days: summary.days.map { Figures.Day(date: VietnamDay.string(ofNumber: $0.day), tips: $0.tips) },
            claimsByStatus: Dictionary(uniqueKeysWithValues: summary.claimsByStatus.map { ($0.status.rawValue, $0.claims) }),
            medianHoursToVerdict: summary.medianHoursToVerdict.map { ($0 * 10).rounded() / 10 },
            takedowns: summary.takedowns.map { Figures.Platform(platform: $0.platform, outcomes: $0.outcomes, overdue: $0.overdue) }
        )
    }
}
extension PostImport.Report: ResponseEncodable {}
