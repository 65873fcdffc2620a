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
}
