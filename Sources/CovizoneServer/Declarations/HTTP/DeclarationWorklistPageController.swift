import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration
import Hummingbird

/// `GET /declarations/worklist`: the health authority's worklist (the filters of
/// ``WorklistQuery``, 50 a page, audited) with the counts per day, and
/// `GET /declarations/worklist.csv` with the same filters for a spreadsheet.
struct DeclarationWorklistPageController: Sendable {
    let declarations: DeclarationService
    let renderer: PageRenderer
    static let pageSize = 50
    /// Most rows of the CSV download.
    static let csvRows = 10_000

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("declarations/worklist") { request, context in
            let principal = try context.authorize(DeclarationService.worklistReaders)
            let parameters = WorklistQuery.parameters(of: request)
            let text = renderer.text(for: request)
            let kind = parameters["kind"].flatMap(DeclarationKind.init(rawValue:)) ?? .entry
            var page = WorklistPage(
                parameters: parameters, scope: principal.scope, statistics: try await declarations.statistics(kind: kind, days: 14, for: principal), text: text,
                divisions: declarations.divisions
            )
            do {
                let query = try WorklistQuery(parameters: parameters, principal: principal, divisions: declarations.divisions)
                let cursor = parameters["cursor"].flatMap(PageRequest.decodeCursor)
                let entries = try await declarations.worklist(query.filter, beforeID: cursor, limit: Self.pageSize + 1, caller: context.caller)
                let shown = Array(entries.prefix(Self.pageSize))
                page.items = WorklistPage.rows(shown, text: text, divisions: declarations.divisions)
                if entries.count > Self.pageSize, let last = shown.last {
                    var next = parameters
                    next["cursor"] = PageRequest.encodeCursor(last.record.id)
                    page.nextHref = "/declarations/worklist?" + QueryString.encode(next)
                }
                return renderer.render("declaration-worklist", titleKey: "worklist_title", page: page, request: request, context: context)
            } catch let failure as ValidationFailure {
                page.errors = renderer.localizer.sentences(for: failure.errors, prefix: "worklist_error_", text.language)
                page.hasErrors = true
                return renderer.render(
                    "declaration-worklist", titleKey: "worklist_title", page: page, request: request, context: context, status: .unprocessableContent
                )
            }
        }
        group.get("declarations/worklist.csv") { request, context in
            let principal = try context.authorize(DeclarationService.worklistReaders)
            let query = try WorklistQuery(parameters: WorklistQuery.parameters(of: request), principal: principal, divisions: declarations.divisions)
            return DeclarationJSON.csvResponse(try await declarations.worklist(query.filter, beforeID: nil, limit: Self.csvRows, caller: context.caller))
        }
    }
}
