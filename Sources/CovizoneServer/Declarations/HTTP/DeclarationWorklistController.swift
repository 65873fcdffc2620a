import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration
import Hummingbird

/// Health authorities' side of declarations: `GET /api/v1/declarations/worklist` (filters of
/// ``WorklistQuery``, cursor pages, `?format=csv`; audited), follow-ups
/// `POST /api/v1/declarations/{kind}/{code}/followups` `{status, note}`, and
/// `GET /api/v1/declarations/statistics[?kind=entry&days=N]` per province and day.
struct DeclarationWorklistController: Sendable {
    let declarations: DeclarationService
    let divisions: AdministrativeDivisions

    struct FollowUpBody: Decodable {
        var status: String
        var note: String?
    }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("declarations/worklist") { request, context -> Response in
            let principal = try context.authorize(DeclarationService.worklistReaders)
            let query = try WorklistQuery(parameters: WorklistQuery.parameters(of: request), principal: principal, divisions: divisions)
            let page = try PageRequest(request: request)
            let entries = try await declarations.worklist(query.filter, beforeID: page.cursorID, limit: page.limit + 1, caller: context.caller)
            if request.uri.queryParameters["format"] == "csv" { return DeclarationJSON.csvResponse(Array(entries.prefix(page.limit))) }
            return try Page(fetched: entries, limit: page.limit, id: \.record.id, item: DeclarationJSON.WorklistItem.init).response(from: request, context: context)
        }
        for kind in DeclarationKind.allCases {
            api.post("declarations/\(kind.rawValue)/:code/followups") { request, context -> EditedResponse<DeclarationJSON.FollowUp> in
                let principal = try context.authorize([.healthAuthority])
                let body = try await request.decodeJSON(as: FollowUpBody.self, context: context)
                let entry = try FollowUpEntry(status: body.status, note: body.note ?? "")
                let followUp = try await declarations.followUp(
                    kind: kind, code: context.parameters.get("code") ?? "", entry: entry, by: principal, caller: context.caller
                )
                return EditedResponse(status: .created, response: DeclarationJSON.FollowUp(followUp))
            }
        }
        api.get("declarations/statistics") { request, context -> DeclarationJSON.Statistics in
            let principal = try context.authorize(DeclarationService.worklistReaders)
            let kindText = request.uri.queryParameters["kind"].map(String.init) ?? DeclarationKind.entry.rawValue
            let days = request.uri.queryParameters["days"].map { Int(String($0)) } ?? 14
            var problems: [FieldError] = []
            let kind = DeclarationKind(rawValue: kindText)
            if kind == nil { problems.append(FieldError(field: "kind", message: "must be entry or voluntary")) }
            guard let days, (1...90).contains(days) else {
                throw APIError.invalid(problems + [FieldError(field: "days", message: "must be a whole number from 1 to 90")])
            }
            guard let kind else { throw APIError.invalid(problems) }
            let counts = try await declarations.statistics(kind: kind, days: days, for: principal)
            return DeclarationJSON.Statistics(kind: kind, days: days, items: counts)
        }
    }
}
