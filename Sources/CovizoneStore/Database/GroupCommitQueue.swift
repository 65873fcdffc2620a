/// Writes jobs in batches (group commit): a job that arrives while a batch is being written waits
/// for the next batch, which takes every job waiting by then, up to ``maximumBatch``. Under load
/// the store sees a few statements per batch instead of a few per job; a job that arrives alone
/// is written at once, so quiet hours add no delay.
///
/// One batch runs at a time, so the jobs of one instance are written in the order they arrived.
public actor GroupCommitQueue<Job: Sendable, Outcome: Sendable> {
    /// Writes one batch; returns one outcome per job, in the jobs' order. A thrown error fails
    /// every job of the batch.
    public typealias Writer = @Sendable ([Job]) async throws -> [Result<Outcome, any Error>]

    /// Most jobs one batch takes.
    public let maximumBatch: Int
    private let write: Writer
    private var waiting: [(job: Job, continuation: CheckedContinuation<Outcome, any Error>)] = []
    private var isWriting = false

    public init(maximumBatch: Int, write: @escaping Writer) {
        precondition(maximumBatch > 0, "a batch holds at least one job")
        self.maximumBatch = maximumBatch
        self.write = write
    }

    /// Queues `job` and returns its outcome once its batch is written.
    public func submit(_ job: Job) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((job, continuation))
            guard !isWriting else { return }
            isWriting = true
            Task { await self.writeWaitingJobs() }
        }
    }

    private func writeWaitingJobs() async {
        while !waiting.isEmpty {
            let batch = waiting.prefix(maximumBatch)
            waiting.removeFirst(batch.count)
            do {
                let outcomes = try await write(batch.map(\.job))
                precondition(outcomes.count == batch.count, "a batch writer returns one outcome per job")
                for (entry, outcome) in zip(batch, outcomes) { entry.continuation.resume(with: outcome) }
            } catch {
                for entry in batch { entry.continuation.resume(throwing: error) }
            }
        }
        isWriting = false
    }
}
