import CovizoneCore
import CovizoneStore
import Foundation
import Misinformation
import OfficialInformation

/// A patch applied to a claim: the new state and the history lines it makes, or the problems
/// that refuse it. The desk may set any status from any other; a verdict needs its text to be
/// published, and leaving a verdict withdraws the publication.
enum ClaimChanges {
    static let maximumEvidence = 20
    static let maximumNote = 2_000
    static let maximumVerdict = 5_000

    static func apply(
        _ patch: ClaimPatch, to claim: ClaimRecord, divisions: AdministrativeDivisions, at now: Date
    ) throws(ValidationFailure) -> (ClaimRecord, [ClaimRepository.Change]) {
        var problems: [FieldError] = []
        var claim = claim
        var changes: [ClaimRepository.Change] = []
        if let status = patch.status, status != claim.status {
            claim.status = status
            claim.decidedAt = status.isVerdict || status == .notApplicable ? now : nil
            changes.append(.init(.status, status.rawValue))
        }
        if let verdict = patch.verdict {
            let trimmed = BilingualText(vi: verdict.vi.trimmingCharacters(in: .whitespacesAndNewlines), en: verdict.en?.trimmingCharacters(in: .whitespacesAndNewlines))
            if trimmed.vi.isEmpty || trimmed.vi.count > maximumVerdict || (trimmed.en?.count ?? 0) > maximumVerdict {
                problems.append(FieldError(field: "verdict.vi", message: "must be 1 to \(maximumVerdict) characters"))
            } else if trimmed != claim.verdict {
                claim.verdict = trimmed
                changes.append(.init(.verdict, trimmed.vi))
            }
        }
        if case .some(let province) = patch.provinceCode, province != claim.provinceCode {
            if let province, divisions.province(code: province) == nil {
                problems.append(FieldError(field: "provinceCode", message: "unknown province code \(province)"))
            } else {
                claim.provinceCode = province
                changes.append(.init(.province, province ?? "national"))
            }
        }
        if case .some(let source) = patch.sourceUrl, source != claim.sourceURL {
            if let source, PostURL.canonical(source) == nil {
                problems.append(FieldError(field: "sourceUrl", message: "must be an http or https address"))
            } else {
                claim.sourceURL = source
                changes.append(.init(.source, source ?? "-"))
            }
        }
        if let evidence = patch.evidence, evidence != claim.evidence {
            if evidence.count > maximumEvidence || evidence.contains(where: { PostURL.canonical($0) == nil }) {
                problems.append(FieldError(field: "evidence", message: "must be at most \(maximumEvidence) http or https addresses"))
            } else {
                claim.evidence = evidence
                changes.append(.init(.evidence, evidence.joined(separator: " ")))
            }
        }
        if let note = patch.note?.trimmingCharacters(in: .whitespacesAndNewlines), !note.isEmpty {
            if note.count > maximumNote { problems.append(FieldError(field: "note", message: "must be at most \(maximumNote) characters")) }
            changes.append(.init(.note, note))
        }
        publication(patch.publish, of: &claim, changes: &changes, problems: &problems, at: now)
        try ValidationFailure.check(problems)
        return (claim, changes)
    }

    /// Publishes or withdraws the verdict as asked; a claim that left its verdict is withdrawn.
    private static func publication(
        _ publish: Bool?, of claim: inout ClaimRecord, changes: inout [ClaimRepository.Change], problems: inout [FieldError], at now: Date
    ) {
        if publish == true, claim.publishedAt == nil || changes.contains(where: { $0.kind == .verdict || $0.kind == .status }) {
            guard claim.status.isVerdict, claim.verdict != nil else {
                problems.append(FieldError(field: "publish", message: "needs a status of false, misleading or true and the verdict's text"))
                return
            }
            claim.publishedAt = now
            changes.append(.init(.published, claim.status.rawValue))
        } else if claim.publishedAt != nil, publish == false || !claim.status.isVerdict {
            claim.publishedAt = nil
            changes.append(.init(.unpublished, claim.status.rawValue))
        }
    }
}
