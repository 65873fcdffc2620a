import CommunicationReporting
import CovizoneCore
import CovizoneStore

/// The model of `GET /reporting/units?parent=ID`: one unit of the tree with the way down to it,
/// its children, and an officer's forms to add a child or import many from a CSV.
struct ReportingUnitsPage: Sendable {
    struct Crumb: Sendable {
        var id: Int64
        var name: String
    }

    struct Row: Sendable {
        var id: Int64
        var name: String
        var kind: String
    }

    var unit: Crumb
    var unitKind: String
    var crumbs: [Crumb]
    var rows: [Row]
    var hasRows: Bool
    var canAdd: Bool
    var kinds: [PageOption]
    var name = ""
    var errors: [String] = []
    var importErrors: [String] = []
    var importText = ""
    var notice: String?

    init(unit: OrgUnitRecord, ancestors: [OrgUnitRecord], children: [OrgUnitRecord], principal: Principal, text: PageText) {
        self.unit = Crumb(id: unit.id, name: unit.name)
        unitKind = text("reporting_kind_\(unit.kind.rawValue)")
        crumbs = ancestors.map { Crumb(id: $0.id, name: $0.name) }
        rows = children.map { Row(id: $0.id, name: $0.name, kind: text("reporting_kind_\($0.kind.rawValue)")) }
        hasRows = !rows.isEmpty
        canAdd = OrgUnitService.builders.contains(principal.user.role) && (unit.kind != .ministry || principal.user.role == .ministryAdmin)
        kinds = OrgUnitKind.allCases.filter(\.isCreatable).map { PageOption(code: $0.rawValue, label: text("reporting_kind_\($0.rawValue)"), selected: false) }
    }
}
