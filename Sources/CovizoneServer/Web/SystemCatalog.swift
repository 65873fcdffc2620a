import CovizoneCore

/// The systems of Covizone as they appear on each role's dashboard, each opened at its `path`
/// (or where the role starts).
struct SystemEntry: Sendable {
    /// Key of its strings in the localisation tables (`system_<id>_title`, `system_<id>_summary`).
    var id: String
    var roles: Set<Role>
    var path: String?
    /// Where some roles start instead of `path` (health authorities start from the worklist).
    var startByRole: [Role: String] = [:]

    /// Where `role` opens this system, if it is built.
    func path(for role: Role) -> String? { startByRole[role] ?? path }
}

enum SystemCatalog {
    static let entries: [SystemEntry] = [
        SystemEntry(id: "campaigns", roles: [.ministryAdmin, .provinceOfficer, .healthAuthority, .telecomOperator], path: "/campaigns"),
        SystemEntry(id: "exposure", roles: [.ministryAdmin, .healthAuthority], path: "/exposure/codes"),
        SystemEntry(
            id: "entry", roles: [.ministryAdmin, .healthAuthority, .borderOfficer], path: "/declarations/lookup",
            startByRole: [.healthAuthority: "/declarations/worklist", .ministryAdmin: "/declarations/worklist"]
        ),
        SystemEntry(
            id: "voluntary", roles: [.ministryAdmin, .healthAuthority], path: nil,
            startByRole: [.healthAuthority: "/declarations/worklist?kind=voluntary", .ministryAdmin: "/declarations/worklist?kind=voluntary"]
        ),
        SystemEntry(id: "checkin", roles: [.ministryAdmin, .healthAuthority, .provinceOfficer, .venueOwner], path: "/venues"),
        SystemEntry(
            id: "safetymap", roles: [.ministryAdmin, .healthAuthority, .provinceOfficer, .facilityManager], path: "/safety/manage",
            startByRole: [.healthAuthority: "/safety/statistics", .ministryAdmin: "/safety/statistics"]
        ),
        SystemEntry(id: "reports", roles: [.ministryAdmin, .provinceOfficer, .reportingUnit], path: "/reporting"),
        SystemEntry(id: "misinformation", roles: [.ministryAdmin, .provinceOfficer, .misinformationAnalyst], path: "/misinformation"),
        SystemEntry(
            id: "information", roles: Set(Role.allCases), path: "/info",
            startByRole: [.ministryAdmin: "/info/manage", .provinceOfficer: "/info/manage", .healthFacility: "/info/manage/facility"]
        ),
        SystemEntry(id: "datasharing", roles: [.ministryAdmin, .healthAuthority, .healthFacility], path: "/health"),
        SystemEntry(id: "accounts", roles: [.ministryAdmin, .provinceOfficer], path: "/accounts"),
        SystemEntry(id: "audit", roles: [.ministryAdmin], path: "/admin/audit"),
    ]

    /// The systems `role` works with, in catalogue order.
    static func entries(for role: Role) -> [SystemEntry] {
        entries.filter { $0.roles.contains(role) }
    }
}

extension SystemEntry {
    init(id: String, roles: Set<Role>, path: String) {
        self.init(id: id, roles: roles, path: path, startByRole: [:])
    }
}
