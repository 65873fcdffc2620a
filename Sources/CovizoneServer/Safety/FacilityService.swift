import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation

/// Facilities on the safety map: who may register, see and manage one. The API, the pages and
/// the demo all go through it.
struct FacilityService: Sendable {
    let facilities: FacilityRepository
    let users: UserRepository
    let venues: VenueRepository
    let audit: AuditRecorder
    let divisions: AdministrativeDivisions
    let clock: WallClock
    /// The roles that register facilities: their managers, and province officers (or the ministry) for a named manager.
    static let registrars: Set<Role> = [.facilityManager, .provinceOfficer, .ministryAdmin]
    /// The roles that see facilities' contacts and lists: their managers and the officers of their province.
    static let viewers: Set<Role> = [.facilityManager, .provinceOfficer, .healthAuthority, .ministryAdmin]

    /// Registers a facility: a manager's own, or an officer's for the manager it names.
    func register(_ registration: FacilityRegistration, by principal: Principal) async throws -> FacilityRecord {
        let details = try registration.details(divisions: divisions)
        guard principal.scope.covers(provinceCode: details.provinceCode) else { throw SafetyError.outsideProvince(allowed: principal.scope.provinceCode) }
        let managerID = try await managerID(for: registration.managerUsername, provinceCode: details.provinceCode, by: principal)
        if let venueID = registration.venueId { try await checkVenue(venueID, provinceCode: details.provinceCode) }
        let id = try await facilities.create([details], managerID: managerID, createdBy: principal.user.id, at: clock.now)[0]
        if let venueID = registration.venueId { try await facilities.link(id: id, venueID: venueID) }
        return try await facility(id)
    }

    /// Any facility, as the public sees it on the map.
    func facility(_ id: Int64) async throws -> FacilityRecord {
        guard let facility = try await facilities.find(id: id) else { throw SafetyError.facilityNotFound(facilityID: id) }
        return facility
    }

    /// A facility `principal` manages or oversees (its manager, or an officer of its province).
    func managed(_ id: Int64, by principal: Principal) async throws -> FacilityRecord {
        let facility = try await facility(id)
        guard Self.oversees(facility, principal) else { throw SafetyError.facilityNotFound(facilityID: id) }
        return facility
    }

    /// Facilities `principal` sees (a manager its own, an officer its province's), newest first.
    func list(for principal: Principal, type: FacilityType?, status: SafetyStatus?, beforeID: Int64?, limit: Int) async throws -> [FacilityRecord] {
        let own = principal.user.role == .facilityManager
        let filter = FacilityRepository.Filter(
            provinceCode: principal.scope.provinceCode, type: type, status: status, managerID: own ? principal.user.id : nil, today: VietnamDay.number(of: clock.now)
        )
        return try await facilities.list(filter, beforeID: beforeID, limit: limit)
    }

    /// Checks every row of a province officer's CSV, registers the good ones unless `dryRun`, and
    /// records the import in the audit log.
    func importFacilities(csv: String, by principal: Principal, dryRun: Bool, caller: Caller) async throws -> FacilityImport.Report {
        guard let provinceCode = principal.scope.provinceCode else { throw CSVImportError.noProvince }
        let checked = try await FacilityImport(divisions: divisions).check(
            csv: csv, province: provinceCode, registered: facilities.registeredAddresses(provinceCode: provinceCode),
            managers: { try await managerID(for: $0, provinceCode: provinceCode, by: principal) }
        )
        var ids: [Int64] = []
        if !dryRun {
            for (managerID, group) in Dictionary(grouping: checked.accepted, by: \.managerID).sorted(by: { ($0.key ?? 0) < ($1.key ?? 0) }) {
                ids += try await facilities.create(group.map(\.details), managerID: managerID, createdBy: principal.user.id, at: clock.now)
            }
        }
        let rejected = Set(checked.errors.map(\.line)).count
        try await audit.record(
            "safety.facilities.import", subject: "safety_facilities", provinceCode: provinceCode,
            detail: "\(checked.accepted.count) good rows, \(rejected) rejected\(dryRun ? " (dry run)" : "")", by: caller
        )
        return FacilityImport.Report(imported: checked.accepted.count, rejected: rejected, dryRun: dryRun, facilityIds: ids.sorted(), errors: checked.errors)
    }

    /// The manager a registration names: none, the registering manager itself, or (for an
    /// officer) a facility-manager account of the facility's province.
    private func managerID(for username: String?, provinceCode: String, by principal: Principal) async throws -> Int64? {
        if principal.user.role == .facilityManager {
            guard username == nil || username == principal.user.username else { throw SafetyError.unknownManager(username: username ?? "") }
            return principal.user.id
        }
        guard let username, !username.isEmpty else { return nil }
        guard let manager = try await users.find(username: username), manager.role == .facilityManager, manager.provinceCode == provinceCode else {
            throw SafetyError.unknownManager(username: username)
        }
        return manager.id
    }

    private func checkVenue(_ venueID: Int64, provinceCode: String) async throws {
        guard let venue = try await venues.find(id: venueID), venue.details.provinceCode == provinceCode else { throw SafetyError.unknownVenue(venueID: venueID) }
    }

    /// Whether `principal` manages `facility` or oversees its province.
    static func oversees(_ facility: FacilityRecord, _ principal: Principal) -> Bool {
        switch principal.user.role {
        case .facilityManager: facility.managerID == principal.user.id
        case .provinceOfficer, .healthAuthority, .ministryAdmin: principal.scope.covers(provinceCode: facility.details.provinceCode)
        default: false
        }
    }
}
