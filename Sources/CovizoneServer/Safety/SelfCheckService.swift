import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation

/// Facilities' daily self-checks and commitments, scored by the checklist of their type.
struct SelfCheckService: Sendable {
    let checklists: ChecklistCatalog
    let selfChecks: SelfCheckRepository
    let facilities: FacilityService
    let clock: WallClock

    /// A manager's self-check as the API takes it.
    struct Submission: Decodable, Sendable {
        var checklistVersion: Int
        /// Item id → done.
        var answers: [String: Bool]
        /// The manager commits that the tasks answered as done were done.
        var commitment: Bool
    }

    /// What a self-check earned, and the facility's standing after it.
    struct Outcome: Sendable {
        var id: Int64
        var assessment: SelfCheckAssessment
        var facility: FacilityRecord
    }

    /// The checklist a facility of `type` answers today.
    func checklist(for type: FacilityType) -> SafetyChecklist {
        checklists.current(for: type)
    }

    /// Scores and stores a manager's self-check of its facility; it becomes the facility's latest.
    func submit(_ submission: Submission, facilityID: Int64, by principal: Principal) async throws -> Outcome {
        let facility = try await facilities.facility(facilityID)
        guard facility.managerID == principal.user.id else { throw SafetyError.notTheManager(facilityID: facilityID) }
        guard submission.commitment else { throw SafetyError.notCommitted }
        let current = checklists.current(for: facility.details.type)
        guard let checklist = checklists.checklist(current.id, version: submission.checklistVersion) else {
            throw SafetyError.unknownChecklistVersion(checklistID: current.id, version: submission.checklistVersion, current: current.version)
        }
        let assessment: SelfCheckAssessment
        do {
            assessment = try SelfCheckAssessment(checklist: checklist, answers: submission.answers)
        } catch {
            throw SafetyError.answersMismatch(error)
        }
        let now = clock.now
        let stored = try await selfChecks.record(
            NewSelfCheck(
                facilityID: facilityID, checklistID: checklist.id, checklistVersion: checklist.version, answers: submission.answers, assessment: assessment,
                committedBy: principal.user.id, checkedAt: now, day: VietnamDay.number(of: now)
            )
        )
        return Outcome(id: stored.id, assessment: assessment, facility: stored.facility)
    }

    /// A facility's self-checks, newest first (public: the facility's page shows its history).
    func history(facilityID: Int64, beforeID: Int64?, limit: Int) async throws -> [SelfCheckRecord] {
        _ = try await facilities.facility(facilityID)
        return try await selfChecks.history(facilityID: facilityID, beforeID: beforeID, limit: limit)
    }
}
