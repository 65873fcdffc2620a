import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation

/// What the public map shows (facilities coloured by status, counts, the wards' risk levels)
/// and the ward levels health authorities set.
struct SafetyMapService: Sendable {
    let facilities: FacilityRepository
    let wardLevels: WardRiskRepository
    let outbreaks: OutbreakRepository
    let venues: VenueRepository
    let audit: AuditRecorder
    let divisions: AdministrativeDivisions
    let clock: WallClock
    /// How far back a declared outbreak makes its ward a suggestion for review.
    static let outbreakLookback: TimeInterval = 14 * 86_400

    /// The map's filters as the public page and the GeoJSON take them.
    struct Filter: Sendable, Equatable {
        var provinceCode: String?
        var type: FacilityType?
        var status: SafetyStatus?
    }

    /// Checks `province`, `type` and `status` query values; blanks mean every value.
    func filter(province: String?, type: String?, status: String?) throws(ValidationFailure) -> Filter {
        var problems: [FieldError] = []
        var filter = Filter()
        if let province, !province.isEmpty {
            filter.provinceCode = AdministrativeDivisions.canonicalCode(province, digits: 2).flatMap { divisions.province(code: $0)?.code }
            if filter.provinceCode == nil { problems.append(FieldError(field: "province", message: "is not a province code")) }
        }
        if let type, !type.isEmpty {
            filter.type = FacilityType(rawValue: type)
            if filter.type == nil { problems.append(FieldError(field: "type", message: "must be one of " + FacilityType.allCases.map(\.rawValue).joined(separator: ", "))) }
        }
        if let status, !status.isEmpty {
            filter.status = SafetyStatus(rawValue: status)
            if filter.status == nil { problems.append(FieldError(field: "status", message: "must be one of " + SafetyStatus.allCases.map(\.rawValue).joined(separator: ", "))) }
        }
        try ValidationFailure.check(problems)
        return filter
    }

    /// Every facility matching `filter` with its colour today.
    func points(_ filter: Filter) async throws -> [FacilityMapPoint] {
        try await facilities.mapPoints(repositoryFilter(filter))
    }

    /// Every facility matching `filter` as a GeoJSON Feature (JSON text), for the public GeoJSON.
    func geoJSONFeatures(_ filter: Filter) async throws -> [String] {
        try await facilities.geoJSONFeatures(repositoryFilter(filter))
    }

    /// Facilities per status, per province, today (of the filter's province and type), with the sums of their coordinates.
    func counts(_ filter: Filter) async throws -> [FacilityRepository.StatusCount] {
        var unfiltered = repositoryFilter(filter)
        unfiltered.status = nil
        return try await facilities.statusCounts(unfiltered)
    }

    /// The risk levels set in a province (or everywhere).
    func wardLevels(provinceCode: String?) async throws -> [WardRiskRecord] {
        try await wardLevels.levels(provinceCode: provinceCode)
    }

    /// Sets a ward's risk level: the health authority of its province (or a national one).
    func setWardLevel(wardCode: String, level: String, note: String, by principal: Principal, caller: Caller) async throws -> WardRiskRecord {
        guard let ward = AdministrativeDivisions.canonicalCode(wardCode, digits: 5).flatMap({ divisions.ward(code: $0) }) else {
            throw SafetyError.unknownWard(wardCode: wardCode)
        }
        guard principal.scope.covers(provinceCode: ward.provinceCode) else { throw SafetyError.outsideProvince(allowed: principal.scope.provinceCode) }
        var problems: [FieldError] = []
        let riskLevel = WardRiskLevel(rawValue: level)
        if riskLevel == nil {
            problems.append(FieldError(field: "level", message: "must be one of " + WardRiskLevel.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        let trimmed = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count > 500 { problems.append(FieldError(field: "note", message: "must be at most 500 characters")) }
        try ValidationFailure.check(problems)
        guard let riskLevel else { throw ValidationFailure(problems) }
        let stored = try await wardLevels.set(
            wardCode: ward.code, provinceCode: ward.provinceCode, level: riskLevel, note: trimmed, by: principal.user.id, at: clock.now
        )
        try await audit.record("safety.ward.level", subject: "ward:\(ward.code)", provinceCode: ward.provinceCode, detail: riskLevel.rawValue, by: caller)
        return stored
    }

    /// Wards of a province (or everywhere) with an outbreak declared at one of their venues in the
    /// last two weeks, with how many: the health authority should review their level.
    func suggestedWards(provinceCode: String?) async throws -> [(wardCode: String, outbreaks: Int)] {
        let recent = try await outbreaks.list(provinceCode: provinceCode, since: clock.now - Self.outbreakLookback, limit: 1000)
        var byWard: [String: Int] = [:]
        for venueID in Set(recent.map(\.venueID)) {
            guard let venue = try await venues.find(id: venueID) else { continue }
            byWard[venue.details.wardCode, default: 0] += recent.count { $0.venueID == venueID }
        }
        return byWard.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    private func repositoryFilter(_ filter: Filter) -> FacilityRepository.Filter {
        FacilityRepository.Filter(provinceCode: filter.provinceCode, type: filter.type, status: filter.status, today: VietnamDay.number(of: clock.now))
    }
}
