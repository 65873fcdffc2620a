import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration
import Hummingbird

/// `GET /declarations/worklist`: the health authority's worklist (the filters of
/// ``WorklistQuery``, 50 a page, audited) with the counts per day, and
/// `GET /declarations/worklist.csv` with the same filters for a spreadsheet.
struct DeclarationWorklistPageController: Sendable {
    let api: DeclarationWorklistController
    static let pageSize = 50
    /// Most rows of the CSV download.
    static let csvRows = 10_000

    var environment: AppEnvironment { api.environment }
    var renderer: PageRenderer { environment.renderer }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("declarations/worklist") { request, context in
            let principal = try context.authorize(WorklistQuery.readers)
            let parameters = WorklistQuery.parameters(of: request)
            let language = PageRenderer.language(of: request)
            var model = formModel(parameters, principal: principal, language: language)
            model["statistics"] = try await api.statistics(kind: parameters["kind"].flatMap { $0.isEmpty ? nil : $0 } ?? "entry", days: 14, for: principal)
                .map { ["day": $0.day, "provinceName": $0.provinceName, "high": $0.high, "medium": $0.medium, "low": $0.low, "total": $0.total] as [String: Any] }
            do {
                let query = try WorklistQuery(parameters: parameters, principal: principal, divisions: environment.divisions)
                let cursor = parameters["cursor"].flatMap(PageRequest.decodeCursor)
                let records = try await api.desk.worklist(query.filter, beforeID: cursor, limit: Self.pageSize + 1, context: context)
                let shown = Array(records.prefix(Self.pageSize))
                model["items"] = zip(shown, try await api.items(shown)).map { row($0.0, $0.1, language: language) }
                if records.count > Self.pageSize, let last = records.prefix(Self.pageSize).last {
                    var next = parameters
                    next["cursor"] = PageRequest.encodeCursor(last.id)
                    model["nextHref"] = "/declarations/worklist?" + Self.query(next)
                }
                return renderer.render("declaration-worklist", titleKey: "worklist_title", page: model, request: request, context: context)
            } catch let error as APIError where error.status == .unprocessableContent {
                model["errors"] = renderer.localizer.sentences(for: error.errors, prefix: "worklist_error_", language)
                model["hasErrors"] = true
                model["items"] = [[String: Any]]()
                return renderer.render(
                    "declaration-worklist", titleKey: "worklist_title", page: model, request: request, context: context, status: .unprocessableContent
                )
            }
        }
        group.get("declarations/worklist.csv") { request, context in
            let principal = try context.authorize(WorklistQuery.readers)
            let query = try WorklistQuery(parameters: WorklistQuery.parameters(of: request), principal: principal, divisions: environment.divisions)
            let records = try await api.desk.worklist(query.filter, beforeID: nil, limit: Self.csvRows, context: context)
            return DeclarationWorklistController.csv(try await api.items(records))
        }
    }

    static func query(_ parameters: [String: String]) -> String {
        parameters.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
    }

    private func formModel(_ parameters: [String: String], principal: Principal, language: Language) -> [String: Any] {
        func options(_ values: [String], key: String, prefix: String) -> [[String: Any]] {
            values.map { ["value": $0, "label": renderer.localizer.string("\(prefix)\($0)", language), "selected": parameters[key] == $0] }
        }
        var csv = parameters
        csv["cursor"] = nil
        return [
            "national": principal.scope.isNational,
            "provinces": environment.divisions.provinces.map { ["code": $0.code, "name": $0.name, "selected": parameters["province"] == $0.code] as [String: Any] },
            "kinds": options(WorklistQuery.kinds.sorted(), key: "kind", prefix: "worklist_kind_"),
            "risks": options(RiskLevel.allCases.reversed().map(\.rawValue), key: "risk", prefix: "declaration_risk_"),
            "statuses": options(WorklistQuery.statuses, key: "status", prefix: "followup_status_"),
            "from": parameters["from"] ?? "", "to": parameters["to"] ?? "",
            "csvHref": "/declarations/worklist.csv?" + Self.query(csv),
        ]
    }

    private func row(_ record: DeclarationRecord, _ item: DeclarationWorklistController.Item, language: Language) -> [String: Any] {
        [
            "kind": item.kind, "code": item.code, "displayCode": item.displayCode, "riskLevel": item.riskLevel,
            "riskLabel": renderer.localizer.string("declaration_risk_\(item.riskLevel)", language),
            "statusLabel": renderer.localizer.string("followup_status_\(item.followUpStatus)", language), "name": item.name ?? "",
            "phone": item.phone ?? "", "wardName": item.wardCode.flatMap { environment.divisions.ward(code: $0)?.name } ?? "",
            "submittedAt": record.submittedAt.formatted(PageRenderer.vietnamTime),
        ]
    }
}
