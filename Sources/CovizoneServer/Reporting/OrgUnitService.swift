import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation

/// The reporting tree: the ministry and the provinces made by the system, and the units province
/// officers (or the ministry) add under them. The API and the pages go through it.
struct OrgUnitService: Sendable {
    let units: OrgUnitRepository
    let audit: AuditRecorder
    let clock: WallClock
    /// The roles that add units: the ministry anywhere, province officers in their province.
    static let builders: Set<Role> = [.ministryAdmin, .provinceOfficer]
    /// The roles that read the tree (a reporting unit its own unit and what lies below it).
    static let readers: Set<Role> = [.ministryAdmin, .provinceOfficer, .reportingUnit]
    static let ministryName = "Bộ Thông tin và Truyền thông"

    /// A new unit as the API takes it.
    struct NewUnit: Decodable, Sendable {
        var name: String
        var kind: String
        var parentId: Int64
    }

    /// Makes the ministry and the provinces that are missing (every start).
    static func ensureSystemUnits(_ units: OrgUnitRepository, divisions: AdministrativeDivisions, at now: Date) async throws {
        try await units.ensureSystemUnits(ministryName: ministryName, provinces: divisions.provinces.map { ($0.code, $0.name) }, at: now)
    }

    /// Adds a unit under a parent the account may build under; audited.
    func create(_ new: NewUnit, by principal: Principal, caller: Caller) async throws -> OrgUnitRecord {
        try ValidationFailure.check(Self.problems(of: new))
        guard let parent = try await units.find(id: new.parentId), try await root(for: principal).map({ parent.path.isWithin($0.path) }) == true else {
            throw ReportingError.unknownParent(parentID: new.parentId)
        }
        guard principal.user.role == .ministryAdmin || parent.kind != .ministry else { throw ReportingError.outsideTree(allowed: principal.scope.provinceCode) }
        return try await add(new, under: parent, by: principal, caller: caller)
    }

    /// The problems of a new unit's name and kind.
    static func problems(of new: NewUnit) -> [FieldError] {
        var problems: [FieldError] = []
        let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(1...200).contains(name.count) { problems.append(FieldError(field: "name", message: "must be 1 to 200 characters")) }
        if OrgUnitKind(rawValue: new.kind)?.isCreatable != true {
            problems.append(FieldError(field: "kind", message: "must be one of " + OrgUnitKind.allCases.filter(\.isCreatable).map(\.rawValue).joined(separator: ", ")))
        }
        return problems
    }

    /// Stores a checked unit under `parent` and audits it.
    func add(_ new: NewUnit, under parent: OrgUnitRecord, by principal: Principal, caller: Caller) async throws -> OrgUnitRecord {
        guard let kind = OrgUnitKind(rawValue: new.kind) else { throw ValidationFailure(Self.problems(of: new)) }
        let created = try await units.create(
            name: new.name.trimmingCharacters(in: .whitespacesAndNewlines), kind: kind, parent: parent, provinceCode: parent.provinceCode,
            createdBy: principal.user.id, at: clock.now
        )
        try await audit.record(
            "reporting.orgunits.create", subject: "org_unit:\(created.id)", provinceCode: created.provinceCode, detail: "\(kind.rawValue) \(created.path)",
            by: caller
        )
        return created
    }

    /// The units the account starts from (`parent` nil) or the children of `parent`, by id.
    func list(parent: Int64?, for principal: Principal, afterID: Int64?, limit: Int) async throws -> [OrgUnitRecord] {
        guard let root = try await root(for: principal) else { return [] }
        guard let parent else { return afterID.map { $0 >= root.id } == true ? [] : [root] }
        _ = try await unit(parent, for: principal)
        return try await units.children(of: parent, afterID: afterID, limit: limit)
    }

    /// The units from where the account's part starts down to `unit`'s parent.
    func ancestors(of unit: OrgUnitRecord, for principal: Principal) async throws -> [OrgUnitRecord] {
        guard let root = try await root(for: principal) else { return [] }
        return try await units.units(ids: Array(unit.path.ids.dropLast().drop { $0 != root.id }))
    }

    /// A unit the account may see.
    func unit(_ id: Int64, for principal: Principal) async throws -> OrgUnitRecord {
        guard let unit = try await units.find(id: id), let root = try await root(for: principal), unit.path.isWithin(root.path) else {
            throw ReportingError.orgUnitNotFound(orgUnitID: id)
        }
        return unit
    }

    /// Where the account's part of the tree starts: the ministry, its province, or its own unit.
    func root(for principal: Principal) async throws -> OrgUnitRecord? {
        switch principal.user.role {
        case .ministryAdmin: try await units.children(of: nil, afterID: nil, limit: 1).first
        case .provinceOfficer: try await principal.user.provinceCode.asyncMap { try await units.province(code: $0) } ?? nil
        case .reportingUnit: try await principal.user.details.orgUnitID.flatMap(Int64.init).asyncMap { try await units.find(id: $0) } ?? nil
        default: nil
        }
    }
}

extension Optional {
    /// The async `map`.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
