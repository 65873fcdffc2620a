import CovizoneCore
import CovizoneStore
import ExposureNotification
import Foundation
import HealthDataExchange

/// What a confirmed case offers its province's health authority elsewhere in Covizone: an upload
/// code for the patient's phone (exposure notification), the venues that phone checked in at
/// during the infectious period, each a click away from an outbreak declaration (QR check-in),
/// and the patient's entry and voluntary declarations (health declarations). Every step is audited.
struct HealthCaseLinks: Sendable {
    let views: HealthCaseViews
    let uploadCodes: UploadCodeService
    let outbreaks: OutbreakService
    let visits: VisitRepository
    let venues: VenueRepository
    let declarations: DeclarationRepository
    let audit: AuditRecorder
    let clock: WallClock

    /// Who acts on a case's links: the province's health authority.
    static let officers: Set<Role> = [.healthAuthority]
    /// How long before it was first suspected or confirmed a case counts as infectious.
    static let infectiousLead: TimeInterval = 2 * 86_400
    /// What an outbreak declared from a case tells the venue's visitors.
    static let outbreakMessage = "Một ca COVID-19 đã xác nhận có mặt tại đây trong thời gian trên. Hãy theo dõi sức khỏe 14 ngày và gọi 1900 9095 nếu có triệu chứng."

    /// A new upload code for case `id`'s patient, dated by its latest confirmation.
    func uploadCode(caseID id: Int64, by principal: Principal, caller: Caller) async throws -> (code: UploadCode, record: UploadCodeRecord) {
        let detail = try await confirmedCase(id, by: principal, caller: caller)
        let confirmedAt = detail.changes.last { $0.status == .confirmed }?.at ?? detail.patient.statusAt
        let issued = try await uploadCodes.issue(by: principal, testType: .confirmed, testDate: VietnamDay.string(of: confirmedAt), symptomDate: nil, caller: caller)
        try await audit.record(
            "health.cases.upload-code", subject: "hx_patient:\(id)", provinceCode: detail.patient.details.provinceCode,
            detail: "exposure_upload_codes/\(issued.record.id)", by: caller
        )
        return issued
    }

    /// When a case was infectious: from two days before it was first suspected or confirmed until
    /// it was admitted, isolated or closed (or until `now`).
    static func infectiousPeriod(of changes: [HealthCaseChange], now: Date) -> ClosedRange<Date>? {
        guard let opened = changes.first(where: { $0.status == .suspected || $0.status == .confirmed })?.at else { return nil }
        let separated = changes.first { $0.at >= opened && ($0.status == .admitted || $0.status == .isolated || $0.status.isClosed) }?.at
        let end = max(separated ?? now, opened)
        return (opened - infectiousLead)...end
    }

    /// A check-in of the case's phone in its infectious period.
    struct CaseVisit: Sendable {
        var visit: VisitRecord
        var venueName: String
    }

    /// The case's infectious period and the check-ins its phone made in it, oldest first; the read audited.
    func venues(caseID id: Int64, by principal: Principal, caller: Caller) async throws -> (period: ClosedRange<Date>, visits: [CaseVisit]) {
        try await venues(of: try await confirmedCase(id, by: principal, caller: caller), caller: caller)
    }

    /// The same for a case already read (and found confirmed) by ``confirmedCase(_:by:caller:)``.
    func venues(of detail: HealthCaseViews.Detail, caller: Caller) async throws -> (period: ClosedRange<Date>, visits: [CaseVisit]) {
        let id = detail.patient.id
        guard let phone = detail.patient.details.phone else { throw HealthCaseError.noPhone(id: id) }
        guard let period = Self.infectiousPeriod(of: detail.changes, now: clock.now) else { throw HealthCaseError.notConfirmed(id: id) }
        let made = try await visits.visits(phones: [phone], deviceIDs: [], since: period.lowerBound).filter { $0.checkedInAt <= period.upperBound }
        var names: [Int64: String] = [:]
        for venueID in Set(made.map(\.venueID)) { names[venueID] = try await venues.find(id: venueID)?.details.name }
        try await audit.record(
            "health.cases.venues", subject: "hx_patient:\(id)", provinceCode: detail.patient.details.provinceCode, detail: "\(made.count) visits", by: caller
        )
        return (period, made.map { CaseVisit(visit: $0, venueName: names[$0.venueID] ?? "#\($0.venueID)") })
    }

    /// Declares an outbreak at the venue of the case's visit `visitID`, over that visit's time.
    func declareOutbreak(caseID id: Int64, visitID: Int64, by principal: Principal, caller: Caller) async throws -> OutbreakRecord {
        guard let visit = try await venues(caseID: id, by: principal, caller: caller).visits.first(where: { $0.visit.id == visitID })?.visit else {
            throw HealthCaseError.visitNotFound(visitID: visitID)
        }
        let end = min(visit.endedAt, clock.now)
        let outbreak = try await outbreaks.declare(
            venueID: visit.venueID, from: visit.checkedInAt.formatted(.iso8601), to: max(end, visit.checkedInAt + 60).formatted(.iso8601),
            message: Self.outbreakMessage, severity: "high", by: principal, caller: caller
        )
        try await audit.record("health.cases.outbreak", subject: "hx_patient:\(id)", provinceCode: outbreak.provinceCode, detail: "outbreaks/\(outbreak.id)", by: caller)
        return outbreak
    }

    /// The patient's declarations that `principal` follows (its province's), newest first: entry
    /// declarations giving the patient's phone, and the voluntary declarations of the household
    /// that phone holds. The read is audited.
    func declarations(caseID id: Int64, by principal: Principal, caller: Caller) async throws -> [DeclarationRecord] {
        try await declarations(of: try await confirmedCase(id, by: principal, caller: caller), by: principal, caller: caller)
    }

    /// The same for a case already read (and found confirmed) by ``confirmedCase(_:by:caller:)``.
    func declarations(of detail: HealthCaseViews.Detail, by principal: Principal, caller: Caller) async throws -> [DeclarationRecord] {
        let id = detail.patient.id
        guard let phone = detail.patient.details.phone else { throw HealthCaseError.noPhone(id: id) }
        let found = try await declarations.declarations(ofPhone: phone, limit: 50).filter {
            $0.content.provinceCode.map(principal.scope.covers(provinceCode:)) ?? principal.scope.isNational
        }
        try await audit.record(
            "health.cases.declarations", subject: "hx_patient:\(id)", provinceCode: detail.patient.details.provinceCode, detail: "\(found.count) declarations",
            by: caller
        )
        return found
    }

    /// Case `id` as `principal` reads it, when it was confirmed.
    private func confirmedCase(_ id: Int64, by principal: Principal, caller: Caller) async throws -> HealthCaseViews.Detail {
        let detail = try await views.detail(id, for: principal, caller: caller)
        guard Self.isConfirmed(detail) else { throw HealthCaseError.notConfirmed(id: id) }
        return detail
    }

    /// Whether the case was ever confirmed: what its links need.
    static func isConfirmed(_ detail: HealthCaseViews.Detail) -> Bool {
        detail.changes.contains { $0.status == .confirmed }
    }
}
