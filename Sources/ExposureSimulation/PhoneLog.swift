import ExposureNotification
import Foundation

/// What one phone hears: for every encounter, a scan every five minutes (at the phone's own phase)
/// that catches the other phone's advertisement 85 % of the time, with an attenuation of
/// 50 + 20·log10(distance) dB plus noise (σ 4 dB).
struct PhoneLog {
    static let scanPeriod: Int32 = 300
    static let detectionRate = 0.85

    let world: World

    /// The sightings of `person`'s phone over the whole simulation.
    func sightings(of person: Int) -> [Sighting] {
        var generator = world.generator.derived(1_000_000 + UInt64(person))
        let phase = Int32.random(in: 0..<Self.scanPeriod, using: &generator)
        var broadcasts: [Int: KeyBroadcast] = [:]
        var log: [Sighting] = []
        for position in world.encountersByPerson[person] {
            let encounter = world.encounters[Int(position)]
            let other = Int(encounter.other(than: Int32(person)))
            var time = encounter.start + (phase - encounter.start % Self.scanPeriod + Self.scanPeriod) % Self.scanPeriod
            while time < encounter.start + encounter.duration {
                defer { time += Self.scanPeriod }
                guard Double.random(in: 0..<1, using: &generator) < Self.detectionRate else { continue }
                let day = Int(encounter.day) + Int(time / 86_400)
                guard day < world.parameters.days else { continue }
                let slot = other * world.parameters.days + day
                let broadcast = broadcasts[slot] ?? KeyBroadcast(key: world.keys[other][day], metadata: Simulation.metadata)
                broadcasts[slot] = broadcast
                let moment = world.firstDay + TimeInterval(Int(encounter.day) * 86_400 + Int(time)) + Double.random(in: 0..<4, using: &generator)
                guard let payload = broadcast.payload(at: ENIntervalNumber(date: moment)) else { continue }
                let attenuation = 50 + 20 * log10(Double(max(encounter.distance, 0.3))) + generator.normal(mean: 0, deviation: 4)
                log.append(
                    Sighting(
                        rollingProximityIdentifier: payload.rollingProximityIdentifier,
                        associatedEncryptedMetadata: payload.associatedEncryptedMetadata, time: moment,
                        rssi: Int(Simulation.metadata.transmitPower) - Int(attenuation.rounded())
                    )
                )
            }
        }
        return log
    }
}

/// What matching every phone found.
struct MatchingOutcome: Sendable {
    var sightings = 0
    var notified: Set<Int> = []
    var crossChecked = 0
    var crossCheckAgreed = true
}

extension World {
    /// Builds every phone's log, matches it against the downloaded keys and scores it, on all
    /// cores. The first phones with a match are also matched with the per-phone ``ExposureMatcher``
    /// to show both paths agree.
    func matchEveryPhone(
        diagnosisKeys: [DiagnosisKey], scorer: RiskScorer, uploaders: Set<Int>, progress: @escaping @Sendable (String, Double) -> Void
    ) async throws -> MatchingOutcome {
        let index = DiagnosisKeyIndex(keys: diagnosisKeys)
        let people = parameters.people
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = (people + workers * 8 - 1) / (workers * 8)
        let done = Counter()
        return try await withThrowingTaskGroup(of: MatchingOutcome.self) { group in
            for start in stride(from: 0, to: people, by: chunk) {
                group.addTask {
                    var outcome = MatchingOutcome()
                    let log = PhoneLog(world: self)
                    for person in start..<min(people, start + chunk) where !uploaders.contains(person) {
                        let sightings = log.sightings(of: person)
                        outcome.sightings += sightings.count
                        let windows = index.exposureWindows(for: sightings)
                        if scorer.shouldNotify(windows) { outcome.notified.insert(person) }
                        if !windows.isEmpty, start == 0, outcome.crossChecked < 10 {
                            let perPhone = ExposureMatcher(sightings: sightings).exposureWindows(for: diagnosisKeys)
                            outcome.crossChecked += 1
                            outcome.crossCheckAgreed = outcome.crossCheckAgreed && Set(perPhone) == Set(windows)
                        }
                    }
                    progress("matching", done.add(min(chunk, people - start), of: people))
                    return outcome
                }
            }
            var total = MatchingOutcome()
            for try await part in group {
                total.sightings += part.sightings
                total.notified.formUnion(part.notified)
                total.crossChecked += part.crossChecked
                total.crossCheckAgreed = total.crossCheckAgreed && part.crossCheckAgreed
            }
            return total
        }
    }
}

/// Phones matched so far, shared by the workers for the progress bar.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// Adds `count` and returns the fraction of `total` done.
    func add(_ count: Int, of total: Int) -> Double {
        lock.lock()
        defer { lock.unlock() }
        value += count
        return Double(value) / Double(max(1, total))
    }
}
