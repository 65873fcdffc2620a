import CovizoneCore
import CovizoneStore
import Foundation
import Misinformation

/// The desk's classifier: trained in Swift on the desk's own verdicts (by `covizone
/// misinformation train`, a desk member, or each night when claims were decided since),
/// cross-validated by claim, kept as versioned models; every instance scores new items with the
/// newest model and the queue is ordered by those scores.
struct ClassifierService: Sendable {
    let models: ClassifierModelRepository
    let state: ClassifierState
    let audit: AuditRecorder
    let clock: WallClock

    /// Decided items needed to train, and of each verdict (unreliable, reliable).
    static let minimumSamples = 20
    static let minimumPerLabel = 5
    /// The newest decided items a model learns from.
    static let maximumSamples = 200_000
    static let folds = 5

    /// The newest model, as this instance holds it (read again when another instance trained one).
    func current() async throws -> ClassifierState.Loaded? {
        try await state.current(models: models)
    }

    /// The score of `sample` under the newest model; nil before any model.
    func score(_ sample: PostSample) async throws -> Double? {
        try await current().map { Double($0.classifier.score(sample)) }
    }

    /// Trains a model on the decided items, cross-validates it, stores it as the newest version
    /// and scores again the items of claims still to decide.
    func train(by actor: String, caller: Caller?) async throws -> ClassifierModelRecord {
        let labelled = try await models.labelled(limit: Self.maximumSamples)
        let unreliable = labelled.filter { $0.label == 1 }.count
        guard labelled.count >= Self.minimumSamples, unreliable >= Self.minimumPerLabel, labelled.count - unreliable >= Self.minimumPerLabel else {
            throw MisinformationError.notEnoughVerdicts(samples: labelled.count, unreliable: unreliable)
        }
        let samples = labelled.map(\.sample), labels = labelled.map(\.label)
        let evaluation = MisinformationClassifier.crossValidate(
            samples, labels: labels, groups: labelled.map(\.claimID), folds: min(Self.folds, Set(labelled.map(\.claimID)).count)
        )
        let classifier = MisinformationClassifier.train(samples, labels: labels)
        let model = try await models.save(
            classifier.encoded(), samples: labelled.count, unreliable: unreliable, evaluation: evaluation, trainedBy: actor, at: clock.now
        )
        await state.install(model: model, classifier: classifier)
        try await rescore(with: classifier)
        if let caller {
            try await audit.record("misinformation.model.train", subject: "mis_model:\(model.id)", detail: "\(labelled.count) samples", by: caller)
        }
        return model
    }

    /// Trains when claims were decided since the newest model (or none was trained and enough are); nil when nothing changed.
    func trainIfDecidedSince() async throws -> ClassifierModelRecord? {
        let labelled = min(try await models.labelledCount(), Self.maximumSamples)
        if let newest = try await models.list(limit: 1).first, newest.samples == labelled { return nil }
        do {
            return try await train(by: "schedule", caller: nil)
        } catch MisinformationError.notEnoughVerdicts {
            return nil
        }
    }

    /// The models, newest first.
    func versions(limit: Int) async throws -> [ClassifierModelRecord] {
        try await models.list(limit: limit)
    }

    private func rescore(with classifier: MisinformationClassifier) async throws {
        var after: Int64 = 0
        while true {
            let batch = try await models.undecided(afterID: after, limit: 2_000)
            guard let last = batch.last else { return }
            try await models.rescore(batch.map { ($0.id, Double(classifier.score($0.sample))) })
            after = last.id
        }
    }
}

/// The newest model as one instance holds it.
actor ClassifierState {
    struct Loaded: Sendable {
        var model: ClassifierModelRecord
        var classifier: MisinformationClassifier
    }

    private var loaded: Loaded?

    /// The newest stored model (read when the store holds a newer one than this instance).
    func current(models: ClassifierModelRepository) async throws -> Loaded? {
        let latest = try await models.latestID()
        if latest != 0, latest != loaded?.model.id, let stored = try await models.latest(), stored.model.id > loaded?.model.id ?? 0 {
            loaded = Loaded(model: stored.model, classifier: try MisinformationClassifier(encoded: stored.classifier))
        }
        return loaded
    }

    func install(model: ClassifierModelRecord, classifier: MisinformationClassifier) {
        if model.id > loaded?.model.id ?? 0 { loaded = Loaded(model: model, classifier: classifier) }
    }
}
