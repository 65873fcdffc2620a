import CommunicationReporting
import CovizoneCore
import CovizoneStore

/// The organisation unit an account belongs to, checked wherever accounts are made or changed
/// (API, page, CSV, command line): only a `reporting-unit` account has one, and it is a unit of
/// the account's own province — the province's unit or one below it.
struct OrgUnitBinding: Sendable {
    let units: OrgUnitRepository

    /// The problems of binding an account of `role` in `provinceCode` to `orgUnitID` (none when no unit is named).
    func problems(orgUnitID: String?, role: Role, provinceCode: String?) async throws -> [FieldError] {
        guard let orgUnitID else { return [] }
        guard role == .reportingUnit else { return [FieldError(field: "orgUnitId", message: "is only for reporting-unit accounts")] }
        guard let id = Int64(orgUnitID), let unit = try await units.find(id: id), unit.kind != .ministry, let provinceCode, unit.provinceCode == provinceCode else {
            return [FieldError(field: "orgUnitId", message: "is not an organisation unit of province \(provinceCode ?? "-")")]
        }
        return []
    }
}
