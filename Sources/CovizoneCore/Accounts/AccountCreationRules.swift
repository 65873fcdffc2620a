/// Who may create whom: the ministry any account, a province officer the accounts of the people
/// it works with in its own province, nobody else any. Shared by the API, the pages, the CSV
/// import and the CLI.
public enum AccountCreationRules {
    /// The roles a province officer may create within its province.
    public static let provincialRoles: Set<Role> = [.venueOwner, .facilityManager, .reportingUnit, .healthFacility, .borderOfficer, .misinformationAnalyst]

    /// The roles an account of `role` may create.
    public static func creatableRoles(by role: Role) -> Set<Role> {
        switch role {
        case .ministryAdmin: Set(Role.allCases)
        case .provinceOfficer: provincialRoles
        default: []
        }
    }

    /// Why `creator` may not create or manage an account of `role` in `provinceCode`, or nil
    /// when it may: a role it may not create, or a province not its own.
    public static func refusal(role: Role, provinceCode: String?, by creator: AccountScope) -> String? {
        guard creatableRoles(by: creator.role).contains(role) else {
            return "a \(creator.role.rawValue) account cannot create or manage \(role.rawValue) accounts"
        }
        if let own = creator.provinceCode, provinceCode != own {
            return "a \(creator.role.rawValue) account manages accounts of its province \(own) only"
        }
        return nil
    }
}
