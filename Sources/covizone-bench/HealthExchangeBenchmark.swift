import ArgumentParser
import CovizoneCore
import CovizoneStore
import Foundation
import HealthDataExchange

/// The exchange's write path at the issue's scale: transaction Bundles of 100 entries (25
/// people, each with a diagnosis, a PCR result and an admission) read by `TransactionReader` and
/// stored by `HealthExchangeRepository` in one transaction each, as `POST /fhir/r4` does (less
/// HTTP and the audit line). Prints each Bundle's latency percentiles and the sustained rate;
/// with `--concurrency`, that many Bundles are stored at once.
struct HealthExchangeBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "health-exchange", abstract: "Store N transaction Bundles of 100 entries.")

    @Option(help: "Bundles to store.") var bundles = 1_000
    @Option(help: "Bundles stored at once.") var concurrency = 1
    @Option(help: "postgres://… to measure PostgreSQL instead of a temporary SQLite file.") var databaseURL: String?

    func run() async throws {
        let (database, _, folder) = try await openBenchmarkStore(databaseURL: databaseURL)
        defer { try? FileManager.default.removeItem(at: folder) }
        let facility = try await UserRepository(database: database).create(
            username: "bench-hospital-\(UUID().uuidString.prefix(8))", passwordHash: "-", role: .healthFacility, provinceCode: "01", at: Date()
        )
        let divisions = try AdministrativeDivisions.bundled()
        let reader = TransactionReader(isProvince: { divisions.province(code: $0) != nil }, isWard: { divisions.ward(code: $0) != nil })
        let store = HealthExchangeRepository(database: database)
        let now = Date()
        let started = ContinuousClock.now
        var latencies: [Duration] = []
        try await withThrowingTaskGroup(of: Duration.self) { group in
            var next = 0
            func add() {
                let index = next
                next += 1
                group.addTask {
                    let bundle = Self.bundle(index, testedAt: now - 86_400)
                    let began = ContinuousClock.now
                    let submission = try reader.read(bundle, at: now).get()
                    let records = HealthExchangeRepository.NewRecord.records(of: submission, in: bundle.entry ?? [], reportedAt: now)
                    _ = try await store.store(submission, records: records, by: facility.id, facilityProvince: "01", at: now)
                    return ContinuousClock.now - began
                }
            }
            for _ in 0..<min(concurrency, bundles) { add() }
            while let latency = try await group.next() {
                latencies.append(latency)
                if next < bundles { add() }
            }
        }
        let elapsed = ContinuousClock.now - started
        latencies.sort()
        func percentile(_ p: Double) -> String {
            String(format: "%.1f ms", latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))].timeInterval * 1000)
        }
        print(
            "health-exchange engine=\(database.engine) bundles=\(bundles) entries/bundle=100 concurrency=\(concurrency) "
                + "p50=\(percentile(0.5)) p95=\(percentile(0.95)) max=\(percentile(1)) "
                + "rate=\(String(format: "%.0f", Double(bundles) / elapsed.timeInterval * 60)) bundles/min"
        )
        try await database.shutdown()
    }

    /// Bundle `index`: 25 new people (CCCD numbers unique to the run), each confirmed by PCR at `testedAt` and admitted three hours later.
    static func bundle(_ index: Int, testedAt: Date) -> FHIRBundle {
        var entries: [FHIRBundle.Entry] = []
        for person in 0..<25 {
            let number = index * 25 + person
            var row = CaseRow(person: PersonDetails(name: "Bệnh nhân \(number)", birthDate: "1980-01-01", gender: "male", provinceCode: "01"))
            row.identifier = String(format: "0010%08d", number)
            (row.diagnosis, row.test, row.result) = ("confirmed", "pcr", "positive")
            (row.testedAt, row.admittedAt) = (testedAt.formatted(.iso8601), (testedAt + 3 * 3600).formatted(.iso8601))
            entries += row.bundle().entry ?? []
        }
        return FHIRBundle(type: "transaction", entry: entries)
    }
}
