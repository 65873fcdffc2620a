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

    @Test("suspected → confirmed → admitted → recovered; a transfer or a death closes it")
    func forward() {
        let (milestones, progress) = Self.run([.confirmed, .admitted, .isolated, .recovered])
        #expect(milestones == [.confirmed, .admitted, .isolated, .recovered] && progress.status == .recovered && progress.bedHolder == nil)
        #expect(Self.run([.confirmed, .admitted, .transferred]).progress.status == .transferred && Self.run([.isolated, .deceased]).progress.status == .deceased)
    }

    @Test("a suspect already isolated or admitted who is confirmed stays there, now a confirmed, active case")
    func confirmedInIsolation() {
        let (milestones, progress) = Self.run([.suspected, .isolated, .confirmed, .confirmed])
        #expect(milestones == [.isolated, .confirmed], "the confirmation is kept once")
        #expect(progress.status == .isolated && progress.confirmed && progress.isActive)
        #expect(!Self.run([.suspected, .isolated]).progress.isActive, "an isolated suspect is not an active case")
    }

    @Test("another facility admitting a case moves its bed; the same facility admitting it again changes nothing")
    func transfer() {
        var progress = CaseProgress()
        #expect(progress.apply(.admitted, from: 7) == .admitted && progress.bedHolder == 7)
        #expect(progress.apply(.admitted, from: 7) == nil)
        #expect(progress.apply(.admitted, from: 8) == .admitted && progress.bedHolder == 8)
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

    @Test("a timeline opens as a suspicion at its first event unless it opens confirmed, and reads late reports in time order")
    func timeline() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        func event(_ kind: CaseEvent, _ hours: Double, _ facility: Int64 = 7) -> CaseTimeline.Event { CaseTimeline.Event(event: kind, facility: facility, at: now + hours * 3600) }
        let opened = CaseTimeline([event(.admitted, 1), event(.confirmed, 2)])
        #expect(opened.milestones.map(\.status) == [.suspected, .admitted, .confirmed] && opened.milestones.first?.at == now + 3600)
        #expect(CaseTimeline([event(.suspected, 0), event(.confirmed, 0)]).milestones.map(\.status) == [.confirmed], "counted once, as confirmed")
        let late = CaseTimeline([event(.suspected, 0), event(.confirmed, 5), event(.admitted, 6), event(.recovered, 3, 8)])
        #expect(late.milestones.map(\.status) == [.suspected, .cleared] && late.progress.status == .cleared, "a discharge dated before the confirmation closes the suspicion")
        #expect(CaseEvent.opening(of: [], reportedAt: now).map(\.event) == [.suspected])
    }
}
