import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation

/// The model of `GET /reporting`: the rounds that concern the account (a unit's with a link to
/// its own report), and an officer's form to open one for a unit of its part of the tree.
struct ReportingHomePage: Sendable {
    struct Row: Sendable {
        var id: Int64
        var name: String
        var period: String
        var due: String
        var link: String
        var overdue: Bool
    }

    /// The new-round form as typed.
    struct Form: Sendable {
        var name = ""
        var start = ""
        var end = ""
        var due = ""
        var orgUnitId = ""
    }

    var rows: [Row]
    var hasRows: Bool
    var canOpen: Bool
    var isOfficer: Bool
    /// A reporting unit's account bound to no unit: it is told whom to ask.
    var unbound: Bool
    var form: Form
    var units: [PageOption]
    var errors: [String] = []

    init(rounds: [ReportingRoundRecord], root: OrgUnitRecord?, children: [OrgUnitRecord], principal: Principal, form: Form?, now: Date) {
        let ownUnit = principal.user.role == .reportingUnit ? root?.id : nil
        rows = rounds.map { round in
            Row(
                id: round.id, name: round.name,
                period: "\(VietnamDay.string(ofNumber: round.period.start)) – \(VietnamDay.string(ofNumber: round.period.end))",
                due: PageText.wallClock(round.dueAt), link: ownUnit.map { "/reporting/rounds/\(round.id)/reports/\($0)" } ?? "/reporting/rounds/\(round.id)",
                overdue: round.dueAt < now
            )
        }
        hasRows = !rows.isEmpty
        canOpen = OrgUnitService.builders.contains(principal.user.role) && root != nil
        isOfficer = canOpen
        unbound = principal.user.role == .reportingUnit && root == nil
        let form = form ?? Form(orgUnitId: root.map { String($0.id) } ?? "")
        self.form = form
        units = ([root].compactMap { $0 } + children).map { PageOption(code: String($0.id), label: $0.name, selected: String($0.id) == form.orgUnitId) }
    }
}
