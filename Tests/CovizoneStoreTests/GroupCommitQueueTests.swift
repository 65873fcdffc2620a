import CovizoneStore
import Foundation
import NIOConcurrencyHelpers
import Testing

@Suite("Group commit queue")
struct GroupCommitQueueTests {
    struct WriteFailed: Error, Equatable {}

    /// A writer that doubles numbers, records the batches it saw and fails batches holding `poison`.
    final class RecordingWriter: Sendable {
        let batches = NIOLockedValueBox<[[Int]]>([])
        let poison: Int?

        init(poison: Int? = nil) { self.poison = poison }

        func write(_ jobs: [Int]) async throws -> [Result<Int, any Error>] {
            batches.withLockedValue { $0.append(jobs) }
            try await Task.sleep(for: .milliseconds(5))
            if let poison, jobs.contains(poison) { throw WriteFailed() }
            return jobs.map { $0 < 0 ? .failure(WriteFailed()) : .success($0 * 2) }
        }
    }

    /// Submits every job at once; the outcome of each, by job.
    func submitAll(_ jobs: [Int], to queue: GroupCommitQueue<Int, Int>) async -> [Int: Result<Int, any Error>] {
        await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
            for job in jobs {
                group.addTask {
                    do { return (job, .success(try await queue.submit(job))) } catch { return (job, .failure(error)) }
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
    }

    @Test("jobs that arrive while a batch is written share the next batch; each gets its own outcome")
    func batches() async throws {
        let writer = RecordingWriter()
        let queue = GroupCommitQueue<Int, Int>(maximumBatch: 16) { try await writer.write($0) }
        let outcomes = await submitAll(Array(1...100), to: queue)
        for job in 1...100 { #expect(try outcomes[job]?.get() == job * 2) }
        let batches = writer.batches.withLockedValue { $0 }
        #expect(batches.flatMap { $0 }.sorted() == Array(1...100), "every job written once")
        #expect(batches.count < 100, "jobs were grouped: \(batches.map(\.count))")
        #expect(batches.allSatisfy { (1...16).contains($0.count) })
    }

    @Test("a job alone is written at once, in a batch of one")
    func alone() async throws {
        let writer = RecordingWriter()
        let queue = GroupCommitQueue<Int, Int>(maximumBatch: 16) { try await writer.write($0) }
        #expect(try await queue.submit(3) == 6)
        #expect(try await queue.submit(4) == 8)
        #expect(writer.batches.withLockedValue { $0 } == [[3], [4]])
    }

    @Test("a job's own failure is its alone; a failed write fails its batch and no other")
    func failures() async throws {
        let writer = RecordingWriter(poison: 50)
        let queue = GroupCommitQueue<Int, Int>(maximumBatch: 8) { try await writer.write($0) }
        await #expect(throws: WriteFailed.self) { try await queue.submit(-1) }
        let outcomes = await submitAll(Array(1...60), to: queue)
        let poisoned = Set(writer.batches.withLockedValue { $0 }.first { $0.contains(50) } ?? [])
        #expect(poisoned.contains(50))
        for job in 1...60 {
            if poisoned.contains(job) {
                #expect(throws: WriteFailed.self) { try outcomes[job]?.get() }
            } else {
                #expect(try outcomes[job]?.get() == job * 2)
            }
        }
        #expect(try await queue.submit(7) == 14, "the queue goes on after a failed batch")
    }
}
