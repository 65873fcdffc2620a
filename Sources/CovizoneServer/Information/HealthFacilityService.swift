import CovizoneCore
import CovizoneStore
import Foundation
import OfficialInformation

/// The directory of health facilities: officers add and import them for their province, a
/// `health-facility` account keeps its own entry (beds free, hours) up to date, anyone looks
/// them up by place, service and text or nearest first from a position.
struct HealthFacilityService: Sendable {
    let facilities: HealthFacilityRepository
    let users: UserRepository
    let divisions: AdministrativeDivisions
    let audit: AuditRecorder
    let clock: WallClock

    /// A facility as the API takes it; `accountId` links the `health-facility` account that keeps it.
    struct Draft: Decodable, Sendable {
        var name: String
        var services: [String]
        var provinceCode: String
        var wardCode: String
        var address: String
        var latitude: Double
        var longitude: Double
        var phone: String
        var hours: String?
        var capacity: [String: Int]?
        var accountId: Int64?
    }

    static let editors: Set<Role> = [.ministryAdmin, .provinceOfficer, .healthFacility]

    /// The problems of `draft`, with `prefix` before field names (an import's line).
    func problems(of draft: Draft, prefix: String = "") -> [FieldError] {
        var problems: [FieldError] = []
        func add(_ field: String, _ message: String) { problems.append(FieldError(field: prefix + field, message: message)) }
        if !(1...200).contains(draft.name.trimmingCharacters(in: .whitespaces).count) { add("name", "must be 1 to 200 characters") }
        let services = draft.services.compactMap(HealthService.init(rawValue:))
        if services.isEmpty || services.count != draft.services.count {
            add("services", "must be one or more of " + HealthService.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let ward = divisions.ward(code: draft.wardCode) {
            if ward.provinceCode != divisions.province(code: draft.provinceCode)?.code { add("wardCode", "is not a ward of province \(draft.provinceCode)") }
        } else {
            add("wardCode", "unknown ward code \(draft.wardCode)")
        }
        if divisions.province(code: draft.provinceCode) == nil { add("provinceCode", "unknown province code \(draft.provinceCode)") }
        if !(1...300).contains(draft.address.trimmingCharacters(in: .whitespaces).count) { add("address", "must be 1 to 300 characters") }
        if GeoPoint(checkingLatitude: draft.latitude, longitude: draft.longitude) == nil { add("latitude", "latitude and longitude must be a place on Earth") }
        if !(3...20).contains(draft.phone.count) || !draft.phone.allSatisfy({ $0.isNumber || " +-.()".contains($0) }) { add("phone", "must be a telephone number") }
        if (draft.hours ?? "").count > 200 { add("hours", "must be at most 200 characters") }
        if let capacity = draft.capacity, capacity.count > 10 || capacity.contains(where: { !(1...40).contains($0.key.count) || !(0...1_000_000).contains($0.value) }) {
            add("capacity", "must be at most 10 figures from 0 to 1,000,000")
        }
        return problems
    }

    func details(of draft: Draft) -> HealthFacilityDetails {
        HealthFacilityDetails(
            name: draft.name.trimmingCharacters(in: .whitespaces), services: draft.services.compactMap(HealthService.init(rawValue:)),
            provinceCode: divisions.province(code: draft.provinceCode)?.code ?? draft.provinceCode, wardCode: divisions.ward(code: draft.wardCode)?.code ?? draft.wardCode,
            address: draft.address.trimmingCharacters(in: .whitespaces), latitude: draft.latitude, longitude: draft.longitude, phone: draft.phone,
            hours: draft.hours ?? "", capacity: draft.capacity
        )
    }

    func create(_ draft: Draft, by principal: Principal, caller: Caller) async throws -> HealthFacilityRecord {
        try ValidationFailure.check(problems(of: draft))
        let details = details(of: draft)
        try WritingScope.check(details.provinceCode, by: principal)
        let accountID = try await checkedAccount(draft.accountId, province: details.provinceCode)
        guard let facility = try await facilities.create([details], accountID: accountID, actor: principal.user.username, at: clock.now).first else {
            throw StoreError.notFound("the new facility")
        }
        try await audit.record("info.facilities.create", subject: "info_facility:\(facility.id)", provinceCode: details.provinceCode, by: caller)
        return facility
    }

    /// Replaces a facility's entry: an officer of its province, or the account that keeps it (which cannot move it to another province or unlink itself).
    func update(_ id: Int64, to draft: Draft, by principal: Principal, caller: Caller) async throws -> HealthFacilityRecord {
        try ValidationFailure.check(problems(of: draft))
        guard let current = try await facilities.find(id: id) else { throw InformationError.facilityNotFound(facilityID: id) }
        let details = details(of: draft)
        var accountID = current.accountID
        if principal.user.role == .healthFacility {
            guard current.accountID == principal.user.id else { throw InformationError.notYourFacility(facilityID: id) }
            guard details.provinceCode == current.details.provinceCode else { throw InformationError.outsideProvince(allowed: current.details.provinceCode) }
        } else {
            try WritingScope.check(current.details.provinceCode, by: principal)
            try WritingScope.check(details.provinceCode, by: principal)
            accountID = try await checkedAccount(draft.accountId, province: details.provinceCode)
        }
        guard let updated = try await facilities.update(id: id, to: details, accountID: accountID, actor: principal.user.username, at: clock.now) else {
            throw InformationError.facilityNotFound(facilityID: id)
        }
        try await audit.record("info.facilities.update", subject: "info_facility:\(id)", provinceCode: details.provinceCode, by: caller)
        return updated
    }

    /// Imports a CSV into `province`'s directory (the officer's own; the ministry names one): good
    /// rows stored in one transaction unless `dryRun`, bad ones reported; audited.
    func importCSV(_ csv: String, province: String?, by principal: Principal, dryRun: Bool, caller: Caller) async throws -> HealthFacilityImport.Report {
        guard let province = principal.scope.provinceCode ?? province.flatMap({ divisions.province(code: $0)?.code }) else { throw CSVImportError.noProvince }
        try WritingScope.check(province, by: principal)
        let checked = try HealthFacilityImport(facilities: self).check(csv: csv, province: province, registered: try await facilities.registeredAddresses(provinceCode: province))
        let created = dryRun ? [] : try await facilities.create(checked.accepted.map(details), accountID: nil, actor: principal.user.username, at: clock.now)
        let rejected = Set(checked.errors.map(\.line)).count
        try await audit.record(
            "info.facilities.import", subject: "info_facilities", provinceCode: province,
            detail: "\(checked.accepted.count) good rows, \(rejected) rejected\(dryRun ? " (dry run)" : "")", by: caller
        )
        return HealthFacilityImport.Report(imported: checked.accepted.count, rejected: rejected, dryRun: dryRun, facilityIds: created.map(\.id), errors: checked.errors)
    }

    /// `accountID` when it names a `health-facility` account of `province`.
    private func checkedAccount(_ accountID: Int64?, province: String) async throws -> Int64? {
        guard let accountID else { return nil }
        guard let user = try await users.find(id: accountID), user.role == .healthFacility, user.provinceCode == province else {
            throw ValidationFailure([FieldError(field: "accountId", message: "must be a health-facility account of province \(province)")])
        }
        return accountID
    }

    func facility(_ id: Int64) async throws -> HealthFacilityRecord {
        guard let facility = try await facilities.find(id: id) else { throw InformationError.facilityNotFound(facilityID: id) }
        return facility
    }

    func list(_ filter: HealthFacilityRepository.Filter, afterID: Int64?, limit: Int) async throws -> [HealthFacilityRecord] {
        try await facilities.list(filter, afterID: afterID, limit: limit)
    }

    func nearest(to point: GeoPoint, service: HealthService?, limit: Int) async throws -> [(facility: HealthFacilityRecord, distanceKm: Double)] {
        try await facilities.nearest(to: point, service: service, limit: limit)
    }
}
