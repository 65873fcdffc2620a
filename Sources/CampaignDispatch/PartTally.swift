import CovizoneStore
import Messaging
import NIOConcurrencyHelpers
import SMPPTransport

/// The outcomes of one message's parts: the message's result once every part is answered.
final class PartTally: Sendable {
    private let state: NIOLockedValueBox<(remaining: Int, ids: [String], refused: UInt32?, unanswered: Bool)>

    init(count: Int) {
        state = NIOLockedValueBox((count, [], nil, false))
    }

    /// Adds a part's outcome; returns the message's result when it was the last part.
    func add(_ outcome: SMPPSubmitOutcome) -> SubmissionResult? {
        state.withLockedValue { state in
            switch outcome {
            case .accepted(let id): state.ids.append(id)
            case .refused(let status): state.refused = state.refused ?? status
            case .unanswered: state.unanswered = true
            }
            state.remaining -= 1
            guard state.remaining == 0 else { return nil }
            if let status = state.refused { return .failed(reason: "SMSC refused: " + SMPPStatus.describe(status)) }
            if state.unanswered { return .unconfirmed(reason: "no answer from the SMSC; not sent again") }
            return .submitted(smscIDs: state.ids)
        }
    }
}
