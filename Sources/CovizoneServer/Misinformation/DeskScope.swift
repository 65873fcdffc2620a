import CovizoneCore
import CovizoneStore

/// Who works the misinformation desk and on what: the ministry and national analysts on every
/// claim; a province officer or a province's analyst on its province's claims, reading the
/// national ones too (and taking one into its province).
enum DeskScope {
    static let desk: Set<Role> = [.ministryAdmin, .provinceOfficer, .misinformationAnalyst]

    /// The provinces whose claims `principal` reads in lists, with the national ones (nil: every one).
    static func readable(by principal: Principal) -> [String]? {
        principal.scope.provinceCode.map { [$0] }
    }

    /// Whether `principal` reads what belongs to `provinceCode` (nil: national).
    static func reads(_ provinceCode: String?, by principal: Principal) -> Bool {
        provinceCode.map { principal.scope.covers(provinceCode: $0) } ?? true
    }

    /// Throws unless `principal` may change what belongs to `provinceCode` (nil: national, the
    /// ministry's and national analysts').
    static func checkWrites(_ provinceCode: String?, by principal: Principal) throws(MisinformationError) {
        let allowed = provinceCode.map { principal.scope.covers(provinceCode: $0) } ?? (principal.scope.provinceCode == nil)
        guard allowed else { throw .outsideProvince(allowed: principal.scope.provinceCode) }
    }
}
