import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird
import Messaging
import SMPPTransport

/// The campaign pages: `GET /campaigns` (the list), `GET /campaigns/new` and `POST /campaigns`
/// (the editor, with the parts of the message shown as it is typed), `GET /campaigns/{id}` (the
/// message, its cost, the rounds and their figures, the life-cycle buttons), `GET/POST
/// /campaigns/{id}/edit` (a draft), `POST /campaigns/{id}/{step}`, and `GET /campaigns/gateways`
/// (the SMSC connections and their binds).
struct CampaignPagesController: Sendable {
    let api: CampaignsController

    var desk: CampaignDesk { api.desk }
    var renderer: PageRenderer { desk.environment.renderer }

    func addRoutes(to web: RouterGroup<AppRequestContext>) {
        web.get("campaigns") { request, context in
            let principal = try context.authorize(CampaignDesk.readers)
            let language = PageRenderer.language(of: request)
            let campaigns: [[String: Any]] = try await desk.campaigns.campaigns(ownedBy: principal.scope.provinceCode).map { campaign in
                [
                    "id": campaign.id, "name": campaign.content.name, "status": renderer.localizer.string("campaign_status_\(campaign.status.rawValue)", language),
                    "start": VietnamLocalTime.string(of: campaign.content.schedule.start).replacingOccurrences(of: "T", with: " "),
                    "createdBy": campaign.createdBy,
                ]
            }
            let model: [String: Any] = [
                "campaigns": campaigns, "hasCampaigns": !campaigns.isEmpty, "canWrite": CampaignDesk.officers.contains(principal.user.role),
            ]
            return renderer.render("campaigns", titleKey: "campaigns_title", page: model, request: request, context: context)
        }
        web.get("campaigns/new") { request, context in
            let principal = try context.authorize(CampaignDesk.officers)
            let form = CampaignForm.blank(now: desk.environment.clock.now, sender: desk.environment.configuration.messaging.sender)
            return try await editor(form, campaignID: nil, errors: [], principal: principal, request: request, context: context, status: .ok)
        }
        web.post("campaigns") { request, context in
            let principal = try context.authorize(CampaignDesk.officers)
            let form = try await submittedForm(request, context: context)
            do {
                let campaign = try await desk.create(try content(of: form), by: principal)
                return Response(status: .seeOther, headers: [.location: "/campaigns/\(campaign.id)"])
            } catch let error as APIError where error.status == .unprocessableContent || error.status == .notFound {
                return try await editor(form, campaignID: nil, errors: problems(error, request), principal: principal, request: request, context: context)
            }
        }
        web.get("campaigns/gateways") { request, context in
            _ = try context.authorize(CampaignDesk.readers)
            let gateways = gateways()
            return renderer.render("campaign-gateways", titleKey: "gateways_title", page: ["gateways": gateways, "hasGateways": !gateways.isEmpty], request: request, context: context)
        }
        web.get("campaigns/:id") { request, context in
            let principal = try context.authorize(CampaignDesk.readers)
            let campaign = try await desk.campaign(try context.parameters.require("id", as: Int64.self), for: principal)
            return try await detail(campaign, principal: principal, request: request, context: context)
        }
        web.get("campaigns/:id/edit") { request, context in
            let principal = try context.authorize(CampaignDesk.officers)
            let campaign = try await desk.campaign(try context.parameters.require("id", as: Int64.self), for: principal)
            // Only a draft of the officer's province is edited; anything else shows the campaign.
            guard campaign.status.isEditable, desk.owns(campaign.content.provinceCode, principal) else {
                return Response(status: .seeOther, headers: [.location: "/campaigns/\(campaign.id)"])
            }
            return try await editor(CampaignForm(campaign.content), campaignID: campaign.id, errors: [], principal: principal, request: request, context: context, status: .ok)
        }
        web.post("campaigns/:id/edit") { request, context in
            let principal = try context.authorize(CampaignDesk.officers)
            let id = try context.parameters.require("id", as: Int64.self)
            let form = try await submittedForm(request, context: context)
            do {
                _ = try await desk.update(id, with: try content(of: form), by: principal)
                return Response(status: .seeOther, headers: [.location: "/campaigns/\(id)"])
            } catch let error as APIError where [.unprocessableContent, .conflict].contains(error.status) {
                return try await editor(form, campaignID: id, errors: problems(error, request), principal: principal, request: request, context: context)
            }
        }
        for step in CampaignStatus.Step.allCases {
            web.post("campaigns/:id/\(step.rawValue)") { request, context in
                let principal = try context.authorize(CampaignDesk.officers)
                try context.verifySessionCSRF(try await request.formFields())
                let id = try context.parameters.require("id", as: Int64.self)
                do {
                    _ = try await desk.take(step, on: id, by: principal, context: context)
                    return Response(status: .seeOther, headers: [.location: "/campaigns/\(id)"])
                } catch let error as APIError where [.conflict, .forbidden].contains(error.status) {
                    let campaign = try await desk.campaign(id, for: principal)
                    let errors = renderer.localizer.sentences(for: error, prefix: "campaign_problem_", PageRenderer.language(of: request))
                    return try await detail(campaign, principal: principal, request: request, context: context, errors: errors, status: error.status)
                }
            }
        }
    }

    private func submittedForm(_ request: Request, context: AppRequestContext) async throws -> CampaignForm {
        let values = try await request.formFieldValues()
        let fields = values.compactMapValues(\.last)
        try context.verifySessionCSRF(fields)
        return CampaignForm(fields: fields, operators: values["operators"] ?? [])
    }

    private func content(of form: CampaignForm) throws -> CampaignContent {
        let settings = desk.environment.configuration.messaging
        return try form.body().content(defaultSender: settings.sender, defaultParts: min(3, settings.maximumParts))
    }

    private func problems(_ error: APIError, _ request: Request) -> [String] {
        renderer.localizer.sentences(for: error, prefix: "campaign_problem_", PageRenderer.language(of: request))
    }

    private func editor(
        _ form: CampaignForm, campaignID: Int64?, errors: [String], principal: Principal, request: Request, context: AppRequestContext,
        status: HTTPResponse.Status = .unprocessableContent
    ) async throws -> Response {
        let audiences = try await desk.audiences.audiences(visibleTo: principal.scope.provinceCode).map { audience in
            ["id": audience.id, "name": audience.name, "members": audience.members, "selected": form.fields["audienceId"] == String(audience.id)] as [String: Any]
        }
        let operators = MobileOperator.all.map { ["id": $0.id, "name": $0.name, "checked": form.operators.contains($0.id)] as [String: Any] }
        let longestProvince = desk.environment.divisions.provinces.map(\.name).max { $0.count < $1.count } ?? ""
        var fields = form.fields
        fields["noDiacriticsChecked"] = form.fields["noDiacritics"] == "on" ? "checked" : ""
        let model: [String: Any] = [
            "form": fields, "audiences": audiences, "hasAudiences": !audiences.isEmpty, "operators": operators, "errors": errors,
            "action": campaignID.map { "/campaigns/\($0)/edit" } ?? "/campaigns", "campaignId": campaignID ?? 0, "isNew": campaignID == nil,
            "isNational": principal.scope.isNational, "longestProvince": longestProvince, "httpSelected": form.fields["channel"] == "http",
        ]
        return renderer.render("campaign-edit", titleKey: campaignID == nil ? "campaign_new" : "campaign_edit", page: model, request: request, context: context, status: status)
    }

    private func detail(
        _ campaign: CampaignRecord, principal: Principal, request: Request, context: AppRequestContext, errors: [String] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = PageRenderer.language(of: request)
        let item = try await api.item(campaign)
        let mayChange = CampaignDesk.officers.contains(principal.user.role) && desk.owns(campaign.content.provinceCode, principal)
        let steps = CampaignStatus.Step.allCases.filter { step in
            mayChange && campaign.status.after(step) != nil && !(step == .approve && campaign.createdBy == principal.user.username)
        }
        let rounds: [[String: Any]] = (item.rounds ?? []).map { round in
            let figures = round.statistics?.total
            return [
                "number": round.number, "due": VietnamLocalTime.string(of: round.dueAt).replacingOccurrences(of: "T", with: " "),
                "status": renderer.localizer.string("round_status_\(round.status)", language), "hasFigures": figures != nil,
                "recipients": figures?.recipients ?? round.recipients, "units": figures?.units ?? 0, "submitted": figures?.submitted ?? 0,
                "delivered": figures?.delivered ?? 0, "failed": figures?.failed ?? 0, "pending": figures?.pending ?? 0,
                "reach": figures.map { String(format: "%.1f", $0.reachPercent) } ?? "",
            ]
        }
        let audience = try await desk.audiences.name(of: campaign.content.audienceID)
        let segment = campaign.content.segment
        let recipients = segment.provinces.map { desk.environment.divisions.province(code: $0)?.name ?? $0 }
            + segment.operators.map { MobileOperator.named($0)?.name ?? $0 } + segment.groups
        let model: [String: Any] = [
            "campaign": [
                "audience": audience?.name ?? "", "audienceDeleted": audience?.deleted ?? false,
                "segment": recipients.joined(separator: ", "), "hasSegment": !recipients.isEmpty,
                "id": campaign.id, "name": campaign.content.name, "template": campaign.content.template, "sender": campaign.content.sender,
                "status": renderer.localizer.string("campaign_status_\(campaign.status.rawValue)", language), "statusCode": campaign.status.rawValue,
                "createdBy": campaign.createdBy, "approvedBy": campaign.approvedBy ?? "", "approvedMembers": campaign.approvedMembers ?? 0, "channel": campaign.content.channel,
                "start": item.schedule.start.replacingOccurrences(of: "T", with: " "), "repeatEveryDays": campaign.content.schedule.repeatEveryDays ?? 0, "repeats": campaign.content.schedule.repeatEveryDays != nil,
                "until": (item.schedule.until ?? "").replacingOccurrences(of: "T", with: " "),
                "quiet": "\(item.schedule.quietHours?.start ?? "")–\(item.schedule.quietHours?.end ?? "")",
            ] as [String: Any],
            "preview": item.preview.map { ["encoding": $0.encoding, "parts": $0.parts, "chars": $0.chars, "partTexts": $0.partTexts] as [String: Any] } as Any,
            "estimate": item.estimate.map { estimate in
                [
                    "recipients": estimate.recipients, "rounds": estimate.rounds, "unitsPerRound": estimate.unitsPerRound, "units": estimate.units,
                    "byOperator": estimate.byOperator.map { ["operator": MobileOperator.named($0.operator)?.name ?? $0.operator, "recipients": $0.recipients, "units": $0.units] },
                ] as [String: Any]
            } as Any,
            "rounds": rounds, "hasRounds": !rounds.isEmpty, "errors": errors, "canEdit": mayChange && campaign.status.isEditable,
            "steps": steps.map { ["step": $0.rawValue, "label": renderer.localizer.string("campaign_step_\($0.rawValue)", language)] },
            "awaitsSecondOfficer": campaign.status == .draft && campaign.createdBy == principal.user.username,
        ]
        return renderer.render("campaign", titleKey: "campaigns_title", page: model, request: request, context: context, status: status)
    }

    private func gateways() -> [[String: Any]] {
        let clients = desk.environment.smsGateway?.routes.reduce(into: [String: SMPPClient]()) { $0[$1.name] = $1.client } ?? [:]
        return desk.environment.configuration.messaging.connections.map { connection in
            let client = connection.client
            let learnt = clients[connection.name]?.learntRates ?? []
            return [
                "operator": connection.operator == "*" ? "*" : MobileOperator.named(connection.operator)?.name ?? connection.operator,
                "address": "\(connection.host):\(connection.port)", "systemId": connection.systemId, "binds": client.binds,
                "bound": clients[connection.name]?.boundCount ?? 0, "window": client.window,
                "partsPerSecond": connection.partsPerSecond.map { String(format: "%.0f", $0) } ?? "–",
                "learntRates": learnt.contains { $0 != nil } ? learnt.map { $0.map { String(format: "%.0f", $0) } ?? "–" }.joined(separator: " · ") : "–",
            ]
        }
    }
}
