import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird
import Messaging

/// The campaign API under `/api/v1`: audiences (`POST/GET audiences`, `GET/DELETE audiences/{id}`,
/// `POST audiences/{id}/members` with a text/csv subscriber list), campaigns (`POST/GET
/// campaigns`, `GET/PUT campaigns/{id}`, `POST campaigns/{id}/{approve|schedule|pause|resume|cancel}`)
/// and each round's figures (`GET campaigns/{id}/rounds/{number}/statistics[.csv]`).
struct CampaignsController: Sendable {
    let campaigns: CampaignService
    let audiences: AudienceService

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.post("audiences", use: createAudience)
        api.get("audiences", use: audiences)
        api.get("audiences/:id", use: audience)
        api.delete("audiences/:id", use: deleteAudience)
        api.post("audiences/:id/members", use: importMembers)
        api.post("campaigns", use: create)
        api.get("campaigns", use: list)
        api.get("campaigns/:id", use: show)
        api.put("campaigns/:id", use: update)
        for step in CampaignStatus.Step.allCases {
            api.post("campaigns/:id/\(step.rawValue)") { request, context in
                try await self.take(step, request: request, context: context)
            }
        }
        api.get("campaigns/:id/rounds/:number/statistics", use: statistics)
        api.get("campaigns/:id/rounds/:number/statistics.csv", use: statisticsCSV)
    }

    /// The round's CSV for a signed-in page (the API's takes a bearer token only).
    func addPageDownloads(to web: RouterGroup<AppRequestContext>) {
        web.get("campaigns/:id/rounds/:number/statistics.csv", use: statisticsCSV)
    }

    // MARK: Audiences

    @Sendable func createAudience(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<CampaignJSON.Audience> {
        let principal = try context.authorize(CampaignScope.officers)
        let body = try await request.decodeJSON(as: CampaignJSON.AudienceBody.self, context: context)
        let audience = try await audiences.create(name: body.name, provinceCode: body.provinceCode, by: principal)
        return EditedResponse(status: .created, response: Self.item(audience))
    }

    @Sendable func audiences(_ request: Request, context: AppRequestContext) async throws -> CampaignJSON.Audiences {
        let principal = try context.authorize(CampaignScope.officers)
        return CampaignJSON.Audiences(items: try await audiences.list(for: principal).map(Self.item))
    }

    @Sendable func audience(_ request: Request, context: AppRequestContext) async throws -> CampaignJSON.Audience {
        let principal = try context.authorize(CampaignScope.officers)
        return Self.item(try await audiences.audience(try context.parameters.require("id", as: Int64.self), for: principal))
    }

    @Sendable func deleteAudience(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.authorize(CampaignScope.officers)
        let audience = try await audiences.editableAudience(try context.parameters.require("id", as: Int64.self), for: principal)
        try await audiences.delete(audience, by: principal, caller: context.caller)
        return .noContent
    }

    /// `POST /api/v1/audiences/{id}/members` with a `text/csv` body (`msisdn,province,operator?,group?`),
    /// read as it streams → the import report.
    @Sendable func importMembers(_ request: Request, context: AppRequestContext) async throws -> AudienceImportReport {
        let principal = try context.authorize(CampaignScope.officers)
        let audience = try await audiences.editableAudience(try context.parameters.require("id", as: Int64.self), for: principal)
        if let contentType = request.headers[.contentType], !contentType.lowercased().hasPrefix("text/csv") {
            throw APIError(.unsupportedMediaType, "Send the subscriber list as text/csv.")
        }
        return try await audiences.importMembers(request.body, into: audience, by: principal, caller: context.caller)
    }

    // MARK: Campaigns

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<CampaignJSON.Campaign> {
        let principal = try context.authorize(CampaignScope.officers)
        let content = try await body(request, context: context)
        return EditedResponse(status: .created, response: try await item(try await campaigns.create(content, by: principal)))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> CampaignJSON.Campaign {
        let principal = try context.authorize(CampaignScope.officers)
        let content = try await body(request, context: context)
        return try await item(try await campaigns.update(try context.parameters.require("id", as: Int64.self), with: content, by: principal))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> CampaignJSON.Campaigns {
        let principal = try context.authorize(CampaignScope.readers)
        return CampaignJSON.Campaigns(items: try await campaigns.list(for: principal).map { Self.summary($0) })
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> CampaignJSON.Campaign {
        let principal = try context.authorize(CampaignScope.readers)
        return try await item(try await campaigns.campaign(try context.parameters.require("id", as: Int64.self), for: principal))
    }

    private func take(_ step: CampaignStatus.Step, request: Request, context: AppRequestContext) async throws -> CampaignJSON.Campaign {
        let principal = try context.authorize(CampaignScope.officers)
        return try await item(try await campaigns.take(step, on: try context.parameters.require("id", as: Int64.self), by: principal, caller: context.caller))
    }

    @Sendable func statistics(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<RoundStatisticsBody> {
        let (_, round, statistics) = try await roundStatistics(context: context)
        return EditedResponse(response: RoundStatisticsBody(round: round.number, statistics: statistics))
    }

    @Sendable func statisticsCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (campaign, round, statistics) = try await roundStatistics(context: context)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"campaign-\(campaign.id)-round-\(round.number).csv\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: statistics.csv(campaign: campaign.content.name, round: round.number)))
        )
    }

    struct RoundStatisticsBody: ResponseEncodable {
        var round: Int
        var statistics: RoundStatistics
    }

    private func roundStatistics(context: AppRequestContext) async throws -> (CampaignRecord, CampaignRound, RoundStatistics) {
        let principal = try context.authorize(CampaignScope.readers)
        let id = try context.parameters.require("id", as: Int64.self)
        return try await campaigns.round(try context.parameters.require("number", as: Int.self), ofCampaign: id, for: principal)
    }

    // MARK: Shapes

    private func body(_ request: Request, context: AppRequestContext) async throws -> CampaignContent {
        try await request.decodeJSON(as: CampaignJSON.Body.self, context: context).content(settings: campaigns.settings)
    }

    /// The whole campaign: preview, estimate and rounds with their figures.
    func item(_ campaign: CampaignRecord) async throws -> CampaignJSON.Campaign {
        let overview = try await campaigns.overview(of: campaign)
        var item = Self.summary(campaign)
        item.preview = overview.longest.map(CampaignJSON.Preview.init)
        item.estimate = overview.estimate
        item.rounds = overview.rounds.map { round, statistics in
            CampaignJSON.Round(
                number: round.number, dueAt: round.dueAt, status: round.status, recipients: round.recipients, queuedAt: round.queuedAt,
                finishedAt: round.finishedAt, statistics: statistics
            )
        }
        return item
    }

    private static func summary(_ campaign: CampaignRecord) -> CampaignJSON.Campaign {
        let content = campaign.content
        return CampaignJSON.Campaign(
            id: campaign.id, name: content.name, channel: content.channel, template: content.template, noDiacritics: content.withoutDiacritics,
            sender: content.sender, maximumParts: content.maximumParts, audienceId: content.audienceID, segment: content.segment,
            schedule: CampaignJSON.Schedule(content.schedule), httpTemplate: content.httpTemplate, status: campaign.status,
            provinceCode: content.provinceCode, createdBy: campaign.createdBy, createdAt: campaign.createdAt, approvedBy: campaign.approvedBy,
            approvedAt: campaign.approvedAt, approvedMembers: campaign.approvedMembers
        )
    }

    private static func item(_ audience: AudienceRecord) -> CampaignJSON.Audience {
        CampaignJSON.Audience(
            id: audience.id, name: audience.name, provinceCode: audience.provinceCode, createdBy: audience.createdBy, createdAt: audience.createdAt,
            members: audience.members
        )
    }
}
