import CovizoneStore
import Foundation

/// Outcomes: what the SMSCs and providers answered, written in batches.
extension OutboundDispatcher {
    /// Writes the outcomes gathered since the last flush, once the flush under way (if any) has
    /// committed: a receipt recorded after a flush finds every part answered before it.
    public func flush() async throws {
        await flushing.acquire()
        do {
            try await flushGathered()
            await flushing.release()
        } catch {
            await flushing.release()
            throw error
        }
    }

    private func flushGathered() async throws {
        // Taken before the results: an answer added after the snapshot came after `started`.
        let started = Date()
        let (results, lateAnswers) = state.withLockedValue { state in
            defer { (state.results, state.lateAnswers) = ([], []) }
            return (state.results, state.lateAnswers)
        }
        guard !results.isEmpty || !lateAnswers.isEmpty else {
            state.withLockedValue { $0.recordedBefore = started }
            return
        }
        do {
            try await queue.record(results, at: clock.now)
            try await queue.recordLateAnswers(lateAnswers, at: clock.now)
            state.withLockedValue { $0.recordedBefore = started }
        } catch {
            state.withLockedValue { ($0.results, $0.lateAnswers) = (results + $0.results, lateAnswers + $0.lateAnswers) }
            throw error
        }
    }

    /// Writes outcomes as messages are answered (those answered meanwhile together), until
    /// cancelled. On a failure they wait a second and are tried again.
    func recordOutcomes() async {
        for await _ in outcomesBell.stream {
            do {
                try await flush()
            } catch {
                if Task.isCancelled { return }
                logger.error("could not record what the SMSC answered", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
                outcomesBell.continuation.yield()
            }
        }
    }


    func settleUnmatchedReceipts() async throws {
        // A flush (nothing to write, when all is written) moves the cutoff on: outcomes are written
        // only as they come, and a receipt held after the last of them would wait for ever.
        try await flush()
        let cutoff = state.withLockedValue { $0.recordedBefore }
        try await queue.applyHeldReceipts(settledBefore: cutoff, at: clock.now)
    }
}
