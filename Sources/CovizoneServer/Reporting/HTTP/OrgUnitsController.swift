import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// The reporting tree: `POST /api/v1/reporting/org-units` `{name, kind, parentId}` → 201 `{id,
/// path, …}`; `GET /api/v1/reporting/org-units` → the units the caller starts from,
/// `?parent=ID` → its children; `GET /api/v1/reporting/org-units/{id}`.
struct OrgUnitsController: Sendable {
    let units: OrgUnitService

    struct OrgUnitItem: ResponseEncodable, Encodable {
        var id: Int64
        var name: String
        var kind: OrgUnitKind
        var parentId: Int64?
        var path: String
        var provinceCode: String?

        init(_ unit: OrgUnitRecord) {
            id = unit.id
            name = unit.name
            kind = unit.kind
            parentId = unit.parentID
            path = unit.path.description
            provinceCode = unit.provinceCode
        }
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("reporting/org-units", use: create)
        group.get("reporting/org-units", use: list)
        group.get("reporting/org-units/:id", use: show)
        group.post("reporting/org-units/import", use: importUnits)
    }

    /// `POST /api/v1/reporting/org-units/import?parent=ID` (text/csv `name,kind[,parent]`) → 201 `{created, items}`.
    @Sendable func importUnits(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ImportedUnits> {
        let principal = try context.authorize(OrgUnitService.builders)
        guard let parent = try request.queryID("parent") else { throw APIError.invalid([FieldError(field: "parent", message: "is required: the unit the rows go under")]) }
        let csv = try await request.csvBody(limit: OrgUnitService.maximumImportBytes)
        let created = try await units.importUnits(csv: csv, under: parent, by: principal, caller: context.caller)
        return EditedResponse(status: .created, response: ImportedUnits(created: created.count, items: created.map(OrgUnitItem.init)))
    }

    struct ImportedUnits: ResponseEncodable {
        var created: Int
        var items: [OrgUnitItem]
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<OrgUnitItem> {
        let principal = try context.authorize(OrgUnitService.builders)
        let body = try await request.decodeJSON(as: OrgUnitService.NewUnit.self, context: context)
        return EditedResponse(status: .created, response: OrgUnitItem(try await units.create(body, by: principal, caller: context.caller)))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<OrgUnitItem> {
        let principal = try context.authorize(OrgUnitService.readers)
        let page = try PageRequest(request: request)
        let parent = try request.queryID("parent")
        let found = try await units.list(parent: parent, for: principal, afterID: page.cursorID, limit: page.limit + 1)
        return Page(fetched: found, limit: page.limit, id: \.id, item: OrgUnitItem.init)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> OrgUnitItem {
        let principal = try context.authorize(OrgUnitService.readers)
        return OrgUnitItem(try await units.unit(try context.pathID(of: "Organisation unit"), for: principal))
    }
}
