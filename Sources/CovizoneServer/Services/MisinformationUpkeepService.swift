import CovizoneCore
import CovizoneStore
import Logging
import ServiceLifecycle

/// The desk's background work: every minute the instance's claim matcher takes in the items
/// other instances stored (a match still checks itself: this keeps its catch-up small), and in
/// the training hour (Vietnam time) the classifier retrains when claims were decided since the
/// newest model — on one instance at a time.
struct MisinformationUpkeepService: Service {
    let desk: MisinformationDomain
    let database: Database
    let trainingHour: Int
    let clock: WallClock
    let logger: Logger
    var interval: Duration = .seconds(60)
    /// The advisory lock training holds on PostgreSQL.
    static let trainingLock: Int64 = 0x4D49_5346_5452_4E00

    func run() async throws {
        await repeatedly(every: interval, "misinformation upkeep", logger: logger) { try await upkeepOnce() }
    }

    func upkeepOnce() async throws {
        try await desk.matching.refresh()
        let hour = (Int(clock.now.unixSeconds) + VietnamDay.utcOffset) / 3600 % 24
        guard hour == trainingHour else { return }
        if let model = try await database.ifLockAvailable(Self.trainingLock, { try await desk.classifier.trainIfDecidedSince() }) ?? nil {
            logger.info("misinformation classifier trained", metadata: ["model.id": "\(model.id)", "model.samples": "\(model.samples)"])
        }
    }
}
