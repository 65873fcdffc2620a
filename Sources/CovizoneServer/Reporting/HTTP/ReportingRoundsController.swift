import CommunicationReporting
import CovizoneCore
import Foundation
import Hummingbird

/// Rounds and reports: `POST/GET /api/v1/reporting/rounds`, `GET …/rounds/{id}`, the board
/// `GET …/rounds/{id}/reports?orgUnit=`, and a unit's report `GET/PUT
/// …/rounds/{id}/reports/{orgUnitId}` with `POST …/complete` and `POST …/reopen`; reminders to
/// the units behind, `POST …/rounds/{id}/reminders?orgUnit=` → 202.
struct ReportingRoundsController: Sendable {
    let reporting: ReportingDomain

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("reporting/rounds", use: create)
        group.get("reporting/rounds", use: list)
        group.get("reporting/rounds/:id", use: show)
        group.get("reporting/rounds/:id/reports", use: board)
        group.get("reporting/rounds/:id/reports/:orgUnitId", use: report)
        group.put("reporting/rounds/:id/reports/:orgUnitId", use: save)
        group.post("reporting/rounds/:id/reports/:orgUnitId/complete", use: complete)
        group.post("reporting/rounds/:id/reports/:orgUnitId/reopen", use: reopen)
        group.post("reporting/rounds/:id/reminders", use: remind)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<RoundItem> {
        let principal = try context.authorize(OrgUnitService.builders)
        let body = try await request.decodeJSON(as: ReportingRoundService.NewRound.self, context: context)
        return EditedResponse(status: .created, response: RoundItem(try await reporting.rounds.create(body, by: principal, caller: context.caller)))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<RoundItem> {
        let principal = try context.authorize(OrgUnitService.readers)
        let page = try PageRequest(request: request)
        let found = try await reporting.rounds.list(for: principal, beforeID: page.cursorID, limit: page.limit + 1)
        return Page(fetched: found, limit: page.limit, id: \.id, item: RoundItem.init)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> RoundItem {
        let principal = try context.authorize(OrgUnitService.readers)
        return RoundItem(try await reporting.rounds.round(try context.pathID(of: "Round"), for: principal))
    }

    @Sendable func board(_ request: Request, context: AppRequestContext) async throws -> Page<BoardItem> {
        let principal = try context.authorize(OrgUnitService.readers)
        let page = try PageRequest(request: request)
        let found = try await reporting.summaries.board(
            roundID: try context.pathID(of: "Round"), orgUnitID: try request.queryID("orgUnit"), for: principal, afterID: page.cursorID, limit: page.limit + 1
        )
        return Page(fetched: found.rows, limit: page.limit, id: \.unit.id, item: BoardItem.init)
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> ReportItem {
        let principal = try context.authorize(OrgUnitService.readers)
        let (round, unit) = try ids(context)
        return ReportItem(try await reporting.reports.view(roundID: round, orgUnitID: unit, for: principal))
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> ReportItem {
        let principal = try context.authorize(OrgUnitService.readers)
        let (round, unit) = try ids(context)
        let body = try await request.decodeJSON(as: ReportService.Filled.self, context: context)
        return ReportItem(try await reporting.reports.save(body, roundID: round, orgUnitID: unit, by: principal, caller: context.caller))
    }

    @Sendable func complete(_ request: Request, context: AppRequestContext) async throws -> ReportItem {
        let principal = try context.authorize(OrgUnitService.readers)
        let (round, unit) = try ids(context)
        return ReportItem(try await reporting.reports.complete(roundID: round, orgUnitID: unit, by: principal, caller: context.caller))
    }

    @Sendable func reopen(_ request: Request, context: AppRequestContext) async throws -> ReportItem {
        let principal = try context.authorize(ReportService.reopeners)
        let (round, unit) = try ids(context)
        return ReportItem(try await reporting.reports.reopen(roundID: round, orgUnitID: unit, by: principal, caller: context.caller))
    }

    @Sendable func remind(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ReportingReminderService.Sent> {
        let principal = try context.authorize(ReportingReminderService.senders)
        let sent = try await reporting.reminders.remind(
            roundID: try context.pathID(of: "Round"), orgUnitID: try request.queryID("orgUnit"), by: principal, caller: context.caller
        )
        return EditedResponse(status: .accepted, response: sent)
    }

    private func ids(_ context: AppRequestContext) throws -> (round: Int64, unit: Int64) {
        (try context.pathID(of: "Round"), try context.pathID("orgUnitId", of: "Organisation unit"))
    }
}
