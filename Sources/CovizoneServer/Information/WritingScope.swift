import CovizoneCore

/// Who writes official information where: the ministry nationally and for any province, a
/// province officer for its own province only.
enum WritingScope {
    static let writers: Set<Role> = [.ministryAdmin, .provinceOfficer]

    /// Throws unless `principal` may write a text for `provinceCode` (nil: the whole country).
    static func check(_ provinceCode: String?, by principal: Principal) throws(InformationError) {
        if principal.user.role == .ministryAdmin { return }
        guard let provinceCode, principal.user.role == .provinceOfficer, principal.scope.covers(provinceCode: provinceCode) else {
            throw .outsideProvince(allowed: principal.scope.provinceCode)
        }
    }

    /// The provinces whose texts `principal` reads in lists (nil: every one).
    static func readable(by principal: Principal) -> [String]? {
        principal.scope.provinceCode.map { [$0] }
    }
}
