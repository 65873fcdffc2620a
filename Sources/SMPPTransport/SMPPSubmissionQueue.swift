import DequeModule
import Messaging
import NIOConcurrencyHelpers

/// A part waiting for a bind, with whom to tell what became of it.
struct PendingPart: Sendable {
    let message: SMPPShortMessage
    let completion: @Sendable (SMPPSubmitOutcome) -> Void
    /// Told what became of a part after all, when its response came after it was `unanswered`.
    var lateAnswer: (@Sendable (SMPPSubmitOutcome) -> Void)? = nil
}

/// The parts of one operator waiting for room on any of its binds. A bind with room and nothing
/// to send leaves a wake-up call, made when a part arrives.
final class SMPPSubmissionQueue: Sendable {
    private struct State {
        var parts = Deque<PendingPart>()
        var waiting: [ObjectIdentifier: @Sendable () -> Void] = [:]
    }

    private let state = NIOLockedValueBox(State())

    /// Queues a part at the back; a part the SMSC asked to wait for goes back to the front.
    func add(_ part: PendingPart, first: Bool = false) {
        let wakeUps = state.withLockedValue { state in
            if first { state.parts.prepend(part) } else { state.parts.append(part) }
            let wakeUps = Array(state.waiting.values)
            state.waiting = [:]
            return wakeUps
        }
        for wakeUp in wakeUps { wakeUp() }
    }

    /// The next part, or nil after leaving `wakeUp` to be called when one arrives.
    func next(for bind: ObjectIdentifier, wakeUp: @escaping @Sendable () -> Void) -> PendingPart? {
        state.withLockedValue { state in
            if let part = state.parts.popFirst() { return part }
            state.waiting[bind] = wakeUp
            return nil
        }
    }

    /// The bind is gone: no more wake-up calls for it.
    func forget(_ bind: ObjectIdentifier) {
        state.withLockedValue { _ = $0.waiting.removeValue(forKey: bind) }
    }
}
