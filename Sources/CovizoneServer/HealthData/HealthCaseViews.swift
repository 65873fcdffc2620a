import CovizoneCore
import CovizoneStore
import Foundation
import HealthDataExchange

/// The ministry's and provinces' picture of cases: the line list (scoped, every read audited),
/// one case with its history and sources, and the daily figures by province.
struct HealthCaseViews: Sendable {
    let store: HealthExchangeRepository
    let users: UserRepository
    let audit: AuditRecorder
    let clock: WallClock

    /// The longest span of daily figures one view or export covers.
    static let maximumDays = 366

    /// The cases `principal` may see, narrowed to `province` and `status`: a facility the people
    /// it reported, a health authority its province's, the ministry every province.
    func filter(province: String?, status: CaseStatus?, for principal: Principal) throws -> HealthCaseFilter {
        var filter = HealthCaseFilter(provinceCode: province, status: status)
        switch principal.user.role {
        case .ministryAdmin: break
        case .healthFacility: filter.sourceAccountID = principal.user.id
        case .healthAuthority:
            guard let own = principal.scope.provinceCode else { break }
            if let province, province != own { throw HealthCaseError.outsideProvince(own: own) }
            filter.provinceCode = own
        default: throw HealthCaseError.outsideProvince(own: principal.scope.provinceCode)
        }
        return filter
    }

    /// A page of the line list, newest first; the read audited.
    func list(_ filter: HealthCaseFilter, beforeID: Int64?, limit: Int, caller: Caller) async throws -> [HealthPatientRecord] {
        let cases = try await store.cases(filter, beforeID: beforeID, limit: limit)
        try await audit.record("health.cases.list", subject: "hx_patients", provinceCode: filter.provinceCode, detail: "\(cases.count) cases", by: caller)
        return cases
    }

    /// One case as an officer reads it.
    struct Detail: Sendable {
        var patient: HealthPatientRecord
        var changes: [HealthCaseChange]
        /// The facilities (and officers) named in its sources and changes, by account id.
        var accountNames: [Int64: String]
    }

    /// Case `id`, when `principal` reads it; audited.
    func detail(_ id: Int64, for principal: Principal, caller: Caller) async throws -> Detail {
        guard let patient = try await store.patient(id: id), HealthExchangeService.reads(patient, principal) else { throw HealthCaseError.caseNotFound(id: id) }
        let changes = try await store.changes(of: id)
        try await audit.record("health.cases.read", subject: "hx_patient:\(id)", provinceCode: patient.details.provinceCode, by: caller)
        return Detail(patient: patient, changes: changes, accountNames: try await names(of: Set(patient.sourceAccountIDs + changes.compactMap(\.accountID))))
    }

    /// Daily figures over the last `days` days (today included), for the cases in `filter`.
    struct Figures: Sendable {
        var days: ClosedRange<Int>
        var total: [DailyCaseFigures]
        /// Each province's figures, by province code (cases without a province left out), in code order.
        var provinces: [(code: String, figures: [DailyCaseFigures])]
        var facilityNames: [Int64: String]

        /// The last day's figures.
        var today: DailyCaseFigures { total.last ?? DailyCaseFigures(day: days.upperBound) }
    }

    func figures(_ filter: HealthCaseFilter, days: Int) async throws -> Figures {
        let today = VietnamDay.number(of: clock.now)
        let range = (today - min(max(days, 1), Self.maximumDays) + 1)...today
        var unfiltered = filter
        unfiltered.status = nil
        let histories = try await store.histories(unfiltered, openAt: VietnamDay.start(ofNumber: range.lowerBound))
        let byProvince = CaseFigures.daily(histories, days: range)
        let provinces = byProvince.compactMap { code, figures in code.map { (code: $0, figures: figures) } }.sorted { $0.code < $1.code }
        let total = CaseFigures.total(of: byProvince, days: range)
        return Figures(days: range, total: total, provinces: provinces, facilityNames: try await names(of: Set(total.flatMap(\.bedsByFacility.keys))))
    }

    /// The names accounts go by: their display name, else their user name.
    func names(of ids: Set<Int64>) async throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for id in ids {
            guard let user = try await users.find(id: id) else { continue }
            names[id] = user.details.displayName ?? user.username
        }
        return names
    }
}
