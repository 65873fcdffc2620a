import CovizoneCore
import CovizoneStore
import Foundation
import Logging
import Messaging
import NIOConcurrencyHelpers

/// What the SMSCs and providers answered, gathered as the answers come and written in batches.
/// It also knows up to when every answer is written (``recordedBefore``), which tells a held
/// receipt that no submission of this dispatcher is left to record for it.
final class OutcomeRecorder: Sendable {
    private struct Gathered {
        var results: [(message: OutboundMessage, smsc: String, result: SubmissionResult)] = []
        /// Responses that came after their parts had timed out, written after the results.
        var lateAnswers: [(messageID: Int64, smsc: String, answer: LateAnswer)] = []
        /// When the last flush that completed began: every answer that came before then is written.
        var recordedBefore = Date()
    }

    private let queue: OutboundQueueRepository
    private let clock: WallClock
    private let logger: Logger
    private let gathered = NIOLockedValueBox(Gathered())
    private let flushing = AsyncLock()
    /// Rung when answers arrive.
    private let bell = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))

    init(queue: OutboundQueueRepository, clock: WallClock, logger: Logger) {
        self.queue = queue
        self.clock = clock
        self.logger = logger
    }

    /// A message answered in full (every part, or the provider's request).
    func add(_ result: SubmissionResult, of message: OutboundMessage, via smsc: String) {
        gathered.withLockedValue { $0.results.append((message, smsc, result)) }
        bell.continuation.yield()
    }

    /// An answer that came after its part had timed out.
    func addLate(_ answer: LateAnswer, ofMessage id: Int64, via smsc: String) {
        gathered.withLockedValue { $0.lateAnswers.append((id, smsc, answer)) }
        bell.continuation.yield()
    }

    /// When the last completed flush began.
    var recordedBefore: Date { gathered.withLockedValue { $0.recordedBefore } }

    /// Writes the answers gathered since the last flush, once the flush under way (if any) has
    /// committed: a receipt recorded after a flush finds every part answered before it.
    func flush() async throws {
        await flushing.acquire()
        do {
            try await flushGathered()
            await flushing.release()
        } catch {
            await flushing.release()
            throw error
        }
    }

    /// Writes answers as they come (those that came meanwhile together) until cancelled; on a
    /// failure it waits a second and tries again.
    func run() async {
        for await _ in bell.stream {
            do {
                try await flush()
            } catch {
                if Task.isCancelled { return }
                logger.error("could not record what the SMSC answered", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
                bell.continuation.yield()
            }
        }
    }

    private func flushGathered() async throws {
        // Taken before the answers: an answer added after the snapshot came after `started`.
        let started = Date()
        let (results, lateAnswers) = gathered.withLockedValue { gathered in
            defer { (gathered.results, gathered.lateAnswers) = ([], []) }
            return (gathered.results, gathered.lateAnswers)
        }
        guard !results.isEmpty || !lateAnswers.isEmpty else {
            gathered.withLockedValue { $0.recordedBefore = started }
            return
        }
        do {
            try await queue.record(results, at: clock.now)
            try await queue.recordLateAnswers(lateAnswers, at: clock.now)
            gathered.withLockedValue { $0.recordedBefore = started }
        } catch {
            gathered.withLockedValue { ($0.results, $0.lateAnswers) = (results + $0.results, lateAnswers + $0.lateAnswers) }
            throw error
        }
    }
}
