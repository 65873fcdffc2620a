import Foundation
import HealthDataExchange
import Testing

@Suite("A case's status over time")
struct CaseStatusTests {
    @Test("suspected → confirmed → admitted → recovered; a transfer or a death closes it")
    func forward() {
        var status = CaseStatus.suspected
        for (event, expected) in [(CaseEvent.confirmed, CaseStatus.confirmed), (.admitted, .admitted), (.isolated, .isolated), (.recovered, .recovered)] {
            status = status.after(event) ?? status
            #expect(status == expected)
        }
        #expect(CaseStatus.admitted.after(.transferred) == .transferred && CaseStatus.isolated.after(.deceased) == .deceased)
    }

    @Test("no step back and nothing after the end; a cleared suspicion is not a recovery", arguments: [
        (CaseStatus.confirmed, CaseEvent.suspected), (.admitted, .confirmed), (.recovered, .admitted), (.deceased, .recovered), (.cleared, .confirmed),
        (.confirmed, .cleared),
    ])
    func noStepBack(status: CaseStatus, event: CaseEvent) {
        #expect(status.after(event) == nil)
    }

    @Test("a suspected case that a negative result clears, or that recovers without confirmation, is cleared")
    func cleared() {
        #expect(CaseStatus.suspected.after(.cleared) == .cleared && CaseStatus.suspected.after(.recovered) == .cleared)
        #expect(CaseStatus.cleared.isClosed && !CaseStatus.cleared.isActive && CaseStatus.isolated.isActive && !CaseStatus.suspected.isActive)
    }

    @Test("a new case opens as a suspicion at its first event, or when reported with none; not when it opens confirmed")
    func opening() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let earlier = now.addingTimeInterval(-3600)
        #expect(CaseEvent.suspicionOpening([], reportedAt: now) == now)
        #expect(CaseEvent.suspicionOpening([(.admitted, earlier), (.confirmed, now)], reportedAt: now) == earlier)
        #expect(CaseEvent.suspicionOpening([(.suspected, earlier), (.confirmed, earlier)], reportedAt: now) == nil)
    }
}
