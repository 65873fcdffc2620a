import CampaignDispatch
import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird
import Messaging

/// The campaign pages: `GET /campaigns` (the list), `GET /campaigns/new` and `POST /campaigns`
/// (the editor, with the parts of the message shown as it is typed), `GET /campaigns/{id}` (the
/// message, its cost, the rounds and their figures, the life-cycle buttons), `GET/POST
/// /campaigns/{id}/edit` (a draft), `POST /campaigns/{id}/{step}`, and `GET /campaigns/gateways`
/// (the SMSC connections and their binds).
struct CampaignPagesController: Sendable {
    let campaigns: CampaignService
    /// The SMPP clients of the configured connections (nil when none is configured).
    let gateway: SMSGateway?
    let clock: WallClock
    let renderer: PageRenderer

    func addRoutes(to web: RouterGroup<AppRequestContext>) {
        web.get("campaigns") { request, context in
            let principal = try context.authorize(CampaignScope.readers)
            let page = CampaignListPage(
                try await campaigns.list(for: principal), canWrite: CampaignScope.officers.contains(principal.user.role), text: renderer.text(for: request)
            )
            return renderer.render("campaigns", titleKey: "campaigns_title", page: page, request: request, context: context)
        }
        web.get("campaigns/new") { request, context in
            let principal = try context.authorize(CampaignScope.officers)
            var form = CampaignForm.blank(now: clock.now, sender: campaigns.settings.sender)
            // A campaign started from another page (a debunked claim's verdict) comes with its name and text.
            for name in ["name", "template"] { if let value = request.formQuery[name] { form.fields[name] = String(value.prefix(2_000)) } }
            return try await editor(form, campaignID: nil, errors: [], principal: principal, request: request, context: context, status: .ok)
        }
        web.post("campaigns") { request, context in
            let principal = try context.authorize(CampaignScope.officers)
            let form = try await submittedForm(request, context: context)
            do {
                let campaign = try await campaigns.create(try form.body().content(settings: campaigns.settings), by: principal)
                return Response(status: .seeOther, headers: [.location: "/campaigns/\(campaign.id)"])
            } catch let failure as ValidationFailure {
                return try await editor(form, campaignID: nil, errors: problems(failure, request), principal: principal, request: request, context: context)
            } catch CampaignError.audienceNotFound(let audienceID) {
                let errors = problems(CampaignError.audienceNotFound(audienceID), request)
                return try await editor(form, campaignID: nil, errors: errors, principal: principal, request: request, context: context)
            }
        }
        web.get("campaigns/gateways") { request, context in
            _ = try context.authorize(CampaignScope.readers)
            let page = GatewaysPage(connections: campaigns.settings.connections, gateway: gateway)
            return renderer.render("campaign-gateways", titleKey: "gateways_title", page: page, request: request, context: context)
        }
        web.get("campaigns/:id") { request, context in
            let principal = try context.authorize(CampaignScope.readers)
            let campaign = try await campaigns.campaign(try context.parameters.require("id", as: Int64.self), for: principal)
            return try await detail(campaign, principal: principal, request: request, context: context)
        }
        web.get("campaigns/:id/edit") { request, context in
            let principal = try context.authorize(CampaignScope.officers)
            let campaign = try await campaigns.campaign(try context.parameters.require("id", as: Int64.self), for: principal)
            // Only a draft of the officer's province is edited; anything else shows the campaign.
            guard campaign.status.isEditable, CampaignScope.owns(campaign.content.provinceCode, principal) else {
                return Response(status: .seeOther, headers: [.location: "/campaigns/\(campaign.id)"])
            }
            return try await editor(
                CampaignForm(campaign.content), campaignID: campaign.id, errors: [], principal: principal, request: request, context: context, status: .ok
            )
        }
        web.post("campaigns/:id/edit") { request, context in
            let principal = try context.authorize(CampaignScope.officers)
            let id = try context.parameters.require("id", as: Int64.self)
            let form = try await submittedForm(request, context: context)
            do {
                _ = try await campaigns.update(id, with: try form.body().content(settings: campaigns.settings), by: principal)
                return Response(status: .seeOther, headers: [.location: "/campaigns/\(id)"])
            } catch let failure as ValidationFailure {
                return try await editor(form, campaignID: id, errors: problems(failure, request), principal: principal, request: request, context: context)
            } catch let error as CampaignError where error.problem.status == .conflict {
                return try await editor(form, campaignID: id, errors: problems(error, request), principal: principal, request: request, context: context)
            }
        }
        for step in CampaignStatus.Step.allCases {
            web.post("campaigns/:id/\(step.rawValue)") { request, context in
                let principal = try context.authorize(CampaignScope.officers)
                try context.verifySessionCSRF(try await request.formFields())
                let id = try context.parameters.require("id", as: Int64.self)
                do {
                    _ = try await campaigns.take(step, on: id, by: principal, caller: context.caller)
                    return Response(status: .seeOther, headers: [.location: "/campaigns/\(id)"])
                } catch let error as CampaignError where [.conflict, .forbidden].contains(error.problem.status) {
                    let campaign = try await campaigns.campaign(id, for: principal)
                    return try await detail(
                        campaign, principal: principal, request: request, context: context, errors: problems(error, request), status: error.problem.status
                    )
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

    /// What the editor or the campaign page says of `error`, in the page's language.
    private func problems(_ error: any HTTPProblemConvertible, _ request: Request) -> [String] {
        renderer.localizer.sentences(for: error.problem, prefix: "campaign_problem_", PageRenderer.language(of: request))
    }

    private func editor(
        _ form: CampaignForm, campaignID: Int64?, errors: [String], principal: Principal, request: Request, context: AppRequestContext,
        status: HTTPResponse.Status = .unprocessableContent
    ) async throws -> Response {
        let page = CampaignEditorPage(
            form, campaignID: campaignID, errors: errors, audiences: try await campaigns.audiences.list(for: principal),
            isNational: principal.scope.isNational, divisions: campaigns.audiences.divisions
        )
        return renderer.render(
            "campaign-edit", titleKey: campaignID == nil ? "campaign_new" : "campaign_edit", page: page, request: request, context: context, status: status
        )
    }

    private func detail(
        _ campaign: CampaignRecord, principal: Principal, request: Request, context: AppRequestContext, errors: [String] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let audience = try await campaigns.audiences.audiences.name(of: campaign.content.audienceID)
        let page = CampaignPage(
            try await campaigns.overview(of: campaign), audience: audience.map { ($0.name, $0.deleted) }, steps: campaigns.steps(on: campaign, for: principal),
            mayChange: campaigns.mayChange(campaign, principal), viewer: principal.user.username, errors: errors, text: renderer.text(for: request),
            divisions: campaigns.audiences.divisions
        )
        return renderer.render("campaign", titleKey: "campaigns_title", page: page, request: request, context: context, status: status)
    }
}
