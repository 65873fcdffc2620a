import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation

/// Citizens' reports on facilities: taken from anyone, public only once an officer of the
/// facility's province has reviewed them, answered by the facility's manager.
struct FeedbackService: Sendable {
    let feedback: FeedbackRepository
    let facilities: FacilityService
    let checklists: ChecklistCatalog
    let audit: AuditRecorder
    let clock: WallClock
    static let maximumTextLength = 2000
    /// The roles that moderate reports (each within its province).
    static let moderators: Set<Role> = [.provinceOfficer, .ministryAdmin]

    /// A report as the API takes it: the photo as base64 JPEG or PNG.
    struct Submission: Decodable, Sendable {
        var category: String
        var text: String
        var phone: String?
        var photo: String?
    }

    /// Checks and stores a report on facility `facilityID`, in review; returns its id.
    func submit(_ submission: Submission, facilityID: Int64) async throws -> Int64 {
        let facility = try await facilities.facility(facilityID)
        var problems: [FieldError] = []
        let category = FeedbackCategory(rawValue: submission.category)
        if category == nil {
            problems.append(FieldError(field: "category", message: "must be one of " + FeedbackCategory.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        let text = submission.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(1...Self.maximumTextLength).contains(text.count) {
            problems.append(FieldError(field: "text", message: "must be 1 to \(Self.maximumTextLength) characters"))
        }
        let phone = PhoneNumber.optional(submission.phone?.trimmingCharacters(in: .whitespaces), field: "phone", problems: &problems)
        let photo = Self.photo(submission.photo, problems: &problems)
        try ValidationFailure.check(problems)
        guard let category else { throw ValidationFailure(problems) }
        let critical = checklists.current(for: facility.details.type).items(concerning: category).contains(where: \.critical)
        return try await feedback.create(
            NewFeedback(
                facilityID: facilityID, provinceCode: facility.details.provinceCode, category: category, text: text, phone: phone, photo: photo,
                critical: critical
            ),
            at: clock.now
        )
    }

    /// The moderation queue of `principal`'s province (or `province` for a national account),
    /// newest first. Reading phone numbers is audited.
    func queue(status: FeedbackStatus?, province: String?, by principal: Principal, caller: Caller, beforeID: Int64?, limit: Int) async throws -> [FeedbackRecord] {
        let provinceCode = principal.scope.provinceCode ?? province
        if let province, !principal.scope.covers(provinceCode: province) { throw SafetyError.outsideProvince(allowed: principal.scope.provinceCode) }
        let items = try await feedback.list(status: status, provinceCode: provinceCode, beforeID: beforeID, limit: limit)
        let withPhones = items.filter { $0.phone != nil }
        if !withPhones.isEmpty {
            try await audit.record(
                "safety.feedback.read", subject: "safety_feedback", provinceCode: provinceCode,
                detail: "phones of reports \(withPhones.map { String($0.id) }.joined(separator: ","))", by: caller
            )
        }
        return items
    }

    /// Records an officer's decision on a report of its province.
    func review(_ id: Int64, decision: String, note: String, by principal: Principal, caller: Caller) async throws -> FeedbackRecord {
        guard let status = FeedbackStatus(rawValue: decision), FeedbackStatus.decisions.contains(status) else {
            throw ValidationFailure([FieldError(field: "decision", message: "must be one of " + FeedbackStatus.decisions.map(\.rawValue).joined(separator: ", "))])
        }
        let trimmed = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= Self.maximumTextLength else {
            throw ValidationFailure([FieldError(field: "note", message: "must be at most \(Self.maximumTextLength) characters")])
        }
        guard let report = try await feedback.find(id: id), principal.scope.covers(provinceCode: report.provinceCode) else {
            throw SafetyError.feedbackNotFound(feedbackID: id)
        }
        let now = clock.now
        guard let reviewed = try await feedback.review(id: id, decision: status, note: trimmed, by: principal.user.id, at: now, today: VietnamDay.number(of: now))
        else { throw SafetyError.feedbackNotFound(feedbackID: id) }
        try await audit.record("safety.feedback.review", subject: "safety_feedback:\(id)", provinceCode: report.provinceCode, detail: status.rawValue, by: caller)
        return reviewed.feedback
    }

    /// The manager's answer to a public report on its facility.
    func answer(_ id: Int64, text: String, by principal: Principal) async throws -> FeedbackRecord {
        guard let report = try await feedback.find(id: id) else { throw SafetyError.feedbackNotFound(feedbackID: id) }
        let facility = try await facilities.facility(report.facilityID)
        guard facility.managerID == principal.user.id else { throw SafetyError.notTheManager(facilityID: facility.id) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...Self.maximumTextLength).contains(trimmed.count) else {
            throw ValidationFailure([FieldError(field: "text", message: "must be 1 to \(Self.maximumTextLength) characters")])
        }
        guard let answered = try await feedback.answer(id: id, text: trimmed, by: principal.user.id, at: clock.now) else {
            throw SafetyError.feedbackNotPublic(feedbackID: id)
        }
        return answered
    }

    /// A facility's public reports with their answers, newest first.
    func published(facilityID: Int64, limit: Int = 50) async throws -> [FeedbackRecord] {
        _ = try await facilities.facility(facilityID)
        return try await feedback.published(facilityID: facilityID, limit: limit)
    }

    /// A report's photo: anyone's once the report is public, otherwise the moderators' of its province.
    func photo(_ id: Int64, for principal: Principal?) async throws -> FeedbackPhoto {
        guard let report = try await feedback.find(id: id) else { throw SafetyError.feedbackNotFound(feedbackID: id) }
        let mayModerate = principal.map { Self.moderators.contains($0.user.role) && $0.scope.covers(provinceCode: report.provinceCode) } ?? false
        guard report.status.isPublic || mayModerate, let photo = try await feedback.photo(id: id) else { throw SafetyError.feedbackNotFound(feedbackID: id) }
        return photo
    }

    /// The stripped photo of a submission, or a problem with it.
    private static func photo(_ base64: String?, problems: inout [FieldError]) -> FeedbackPhoto? {
        guard let base64, !base64.isEmpty else { return nil }
        guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else {
            problems.append(FieldError(field: "photo", message: "must be base64"))
            return nil
        }
        do {
            return try FeedbackPhoto(data)
        } catch {
            problems.append(FieldError(field: "photo", message: error.description))
            return nil
        }
    }
}
