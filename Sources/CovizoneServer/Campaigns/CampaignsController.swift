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
    let desk: CampaignDesk

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

    // MARK: Audiences

    @Sendable func createAudience(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<CampaignJSON.Audience> {
        let principal = try context.authorize(CampaignDesk.officers)
        let body = try await request.decodeJSON(as: CampaignJSON.AudienceBody.self, context: context)
        let audience = try await desk.createAudience(name: body.name, provinceCode: body.provinceCode, by: principal)
        return EditedResponse(status: .created, response: Self.item(audience))
    }

    @Sendable func audiences(_ request: Request, context: AppRequestContext) async throws -> CampaignJSON.Audiences {
        let principal = try context.authorize(CampaignDesk.officers)
        return CampaignJSON.Audiences(items: try await desk.audiences.audiences(visibleTo: principal.scope.provinceCode).map(Self.item))
    }

    @Sendable func audience(_ request: Request, context: AppRequestContext) async throws -> CampaignJSON.Audience {
        let principal = try context.authorize(CampaignDesk.officers)
        return Self.item(try await desk.audience(try context.parameters.require("id", as: Int64.self), for: principal))
    }

    @Sendable func deleteAudience(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.authorize(CampaignDesk.officers)
        let audience = try await desk.editableAudience(try context.parameters.require("id", as: Int64.self), for: principal)
        let result = try await desk.deleteAudience(audience, by: principal, context: context)
        if case .inUse(let campaigns) = result {
            throw APIError(
                .conflict, "Campaigns \(CampaignDesk.campaignNumbers(campaigns)) still use this audience: cancel them or wait until they are done.",
                code: "audience_in_use"
            )
        }
        return .noContent
    }

    /// `POST /api/v1/audiences/{id}/members` with a `text/csv` body (`msisdn,province,operator?,group?`),
    /// read as it streams → the import report.
    @Sendable func importMembers(_ request: Request, context: AppRequestContext) async throws -> AudienceImportReport {
        let principal = try context.authorize(CampaignDesk.officers)
        let audience = try await desk.editableAudience(try context.parameters.require("id", as: Int64.self), for: principal)
        if let contentType = request.headers[.contentType], !contentType.lowercased().hasPrefix("text/csv") {
            throw APIError(.unsupportedMediaType, "Send the subscriber list as text/csv.")
        }
        return try await desk.importMembers(request.body, into: audience, by: principal, context: context)
    }

    // MARK: Campaigns

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<CampaignJSON.Campaign> {
        let principal = try context.authorize(CampaignDesk.officers)
        let content = try await body(request, context: context)
        return EditedResponse(status: .created, response: try await item(try await desk.create(content, by: principal)))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> CampaignJSON.Campaign {
        let principal = try context.authorize(CampaignDesk.officers)
        let content = try await body(request, context: context)
        return try await item(try await desk.update(try context.parameters.require("id", as: Int64.self), with: content, by: principal))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> CampaignJSON.Campaigns {
        let principal = try context.authorize(CampaignDesk.readers)
        let campaigns = try await desk.campaigns.campaigns(ownedBy: principal.scope.provinceCode)
        return CampaignJSON.Campaigns(items: campaigns.map { Self.summary($0) })
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> CampaignJSON.Campaign {
        let principal = try context.authorize(CampaignDesk.readers)
        return try await item(try await desk.campaign(try context.parameters.require("id", as: Int64.self), for: principal))
    }

    private func take(_ step: CampaignStatus.Step, request: Request, context: AppRequestContext) async throws -> CampaignJSON.Campaign {
        let principal = try context.authorize(CampaignDesk.officers)
        return try await item(try await desk.take(step, on: try context.parameters.require("id", as: Int64.self), by: principal, context: context))
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
        let principal = try context.authorize(CampaignDesk.readers)
        let campaign = try await desk.campaign(try context.parameters.require("id", as: Int64.self), for: principal)
        let number = try context.parameters.require("number", as: Int.self)
        guard let round = try await desk.campaigns.rounds(campaignID: campaign.id).first(where: { $0.number == number }) else {
            throw APIError.notFound("Campaign \(campaign.id) has no round \(number).")
        }
        let tallies = try await CampaignStatisticsRepository(database: desk.environment.database).tallies(roundID: round.id)
        return (campaign, round, RoundStatistics(tallies: tallies))
    }

    // MARK: Shapes

    private func body(_ request: Request, context: AppRequestContext) async throws -> CampaignContent {
        let body = try await request.decodeJSON(as: CampaignJSON.Body.self, context: context)
        let settings = desk.environment.configuration.messaging
        return try body.content(defaultSender: settings.sender, defaultParts: min(3, settings.maximumParts))
    }

    /// The whole campaign: preview, estimate and rounds with their figures.
    func item(_ campaign: CampaignRecord) async throws -> CampaignJSON.Campaign {
        var item = Self.summary(campaign)
        let longest = try? desk.messages.longest(campaign.content)
        item.preview = longest.map(CampaignJSON.Preview.init)
        let reach = try await desk.audiences.reach(audienceID: campaign.content.audienceID, segment: campaign.content.segment)
        let rounds = try await desk.campaigns.rounds(campaignID: campaign.id)
        item.estimate = try estimate(campaign, reach: reach, rounds: rounds.isEmpty ? campaign.content.schedule.roundTimes().count : rounds.count)
        var roundItems: [CampaignJSON.Round] = []
        let statistics = CampaignStatisticsRepository(database: desk.environment.database)
        for round in rounds {
            let figures = round.status == "planned" || round.status == "cancelled" ? nil : RoundStatistics(tallies: try await statistics.tallies(roundID: round.id))
            roundItems.append(
                CampaignJSON.Round(
                    number: round.number, dueAt: round.dueAt, status: round.status, recipients: round.recipients, queuedAt: round.queuedAt,
                    finishedAt: round.finishedAt, statistics: figures
                )
            )
        }
        item.rounds = roundItems
        return item
    }

    private func estimate(_ campaign: CampaignRecord, reach: [(operatorID: String, provinceCode: String, members: Int)], rounds: Int) throws
        -> CampaignJSON.Estimate
    {
        var shares: [String: CampaignJSON.Estimate.OperatorShare] = [:]
        for entry in reach {
            let parts = (try? desk.messages.message(campaign.content, provinceCode: entry.provinceCode).partCount) ?? 0
            shares[entry.operatorID, default: .init(operator: entry.operatorID, recipients: 0, units: 0)].recipients += entry.members
            shares[entry.operatorID, default: .init(operator: entry.operatorID, recipients: 0, units: 0)].units += entry.members * parts
        }
        let byOperator = shares.values.sorted { $0.operator < $1.operator }
        let perRound = byOperator.map(\.units).reduce(0, +)
        return CampaignJSON.Estimate(
            recipients: byOperator.map(\.recipients).reduce(0, +), rounds: rounds, unitsPerRound: perRound, units: perRound * rounds, byOperator: byOperator
        )
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
