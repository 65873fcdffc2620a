import CovizoneCore

/// Who owns and who sees audiences and campaigns: each belongs to a province (or to the
/// country), its officers change it, and national officers act for every province.
enum CampaignScope {
    /// Roles that run campaigns: the ministry, provincial information departments, health authorities.
    static let officers: Set<Role> = [.ministryAdmin, .provinceOfficer, .healthAuthority]
    /// Roles that may also read campaigns and their figures (operators see their traffic).
    static let readers: Set<Role> = officers.union([.telecomOperator])

    /// The province a new audience or campaign belongs to: a province officer's own (whatever
    /// was asked), or what a national officer named (nil: national).
    static func ownerProvince(_ asked: String?, of principal: Principal, divisions: AdministrativeDivisions) throws(ValidationFailure) -> String? {
        if let own = principal.scope.provinceCode { return own }
        guard let asked, !asked.isEmpty else { return nil }
        guard let code = AdministrativeDivisions.canonicalCode(asked, digits: 2), divisions.province(code: code) != nil else {
            throw ValidationFailure([FieldError(field: "provinceCode", message: "names no province")])
        }
        return code
    }

    /// True when what belongs to `provinceCode` is visible to `principal` (national things are to everyone).
    static func isVisible(_ provinceCode: String?, to principal: Principal) -> Bool {
        provinceCode.map { principal.scope.covers(provinceCode: $0) } ?? true
    }

    /// True when `principal` acts for `provinceCode` (a national user acts for every province):
    /// an officer who does may change its audiences and campaigns.
    static func owns(_ provinceCode: String?, _ principal: Principal) -> Bool {
        principal.scope.isNational || provinceCode.map { principal.scope.covers(provinceCode: $0) } ?? false
    }
}
