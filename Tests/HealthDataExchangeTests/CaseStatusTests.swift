import Foundation
import HealthDataExchange
import Testing

@Suite("A case's status over time")
struct CaseStatusTests {
    /// The milestones `events` leave, and where the case then stands.
    static func run(_ events: [CaseEvent]) -> (milestones: [CaseStatus], progress: CaseProgress) {
        var progress = CaseProgress()
        let milestones = events.compactMap { progress.apply($0) }
        return (milestones, progress)
    }

    @Test("suspected → confirmed → admitted → recovered; a transfer or a death closes it; milestones replay to the same place")
    func forward() {
        let (milestones, progress) = Self.run([.confirmed, .admitted, .isolated, .recovered])
        #expect(milestones == [.confirmed, .admitted, .isolated, .recovered] && progress.status == .recovered)
        #expect(CaseProgress(replaying: milestones) == progress)
        #expect(Self.run([.confirmed, .admitted, .transferred]).progress.status == .transferred && Self.run([.isolated, .deceased]).progress.status == .deceased)
    }

    @Test("a suspect already isolated or admitted who is confirmed stays there, now a confirmed, active case")
    func confirmedInIsolation() {
        let (milestones, progress) = Self.run([.suspected, .isolated, .confirmed, .confirmed])
        #expect(milestones == [.isolated, .confirmed], "the confirmation is kept once")
        #expect(progress.status == .isolated && progress.confirmed && progress.isActive)
        #expect(CaseProgress(replaying: [.suspected] + milestones) == progress)
        #expect(!Self.run([.suspected, .isolated]).progress.isActive, "an isolated suspect is not an active case")
    }

    @Test("no step back and nothing after the end", arguments: [
        ([CaseEvent.confirmed], CaseEvent.suspected), ([.confirmed], .cleared), ([.confirmed, .recovered], .admitted), ([.deceased], .recovered),
        ([.cleared], .confirmed), ([.confirmed, .admitted], .admitted),
    ])
    func noStepBack(before: [CaseEvent], event: CaseEvent) {
        var progress = Self.run(before).progress
        #expect(progress.apply(event) == nil)
    }

    @Test("a suspicion that a negative result clears, or that leaves without ever being confirmed, is cleared — isolated or not")
    func cleared() {
        #expect(Self.run([.cleared]).progress.status == .cleared && Self.run([.recovered]).progress.status == .cleared)
        #expect(Self.run([.isolated, .cleared]).progress.status == .cleared && Self.run([.admitted, .recovered]).progress.status == .cleared)
        #expect(Self.run([.confirmed, .admitted, .recovered]).progress.status == .recovered)
        #expect(CaseStatus.cleared.isClosed && CaseStatus.isolated.isActive && !CaseStatus.suspected.isActive)
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
