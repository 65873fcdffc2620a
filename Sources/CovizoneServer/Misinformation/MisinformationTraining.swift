import CovizoneCore
import CovizoneStore
import Foundation
import Logging
import Misinformation

/// `covizone misinformation train`: trains the desk's classifier on the store's verdicts, as
/// the nightly schedule and the desk's page do, and reports the new version's figures.
public struct MisinformationTraining: Sendable {
    let classifier: ClassifierService

    /// A version trained.
    public struct Trained: Sendable, Equatable {
        public var modelID: Int64
        public var samples: Int
        public var unreliable: Int
        public var evaluation: ModelEvaluation?
    }

    public init(database: Database, clock: WallClock = .system) {
        let audit = AuditRecorder(log: AuditLogRepository(database: database), clock: clock)
        classifier = ClassifierService(models: ClassifierModelRepository(database: database), state: ClassifierState(), audit: audit, clock: clock)
    }

    /// Trains and stores a new version; a ``ValidationFailure`` when the desk has too few verdicts.
    public func train() async throws -> Trained {
        do {
            let model = try await classifier.train(by: "cli", caller: Caller(principal: nil, requestID: "cli", address: "local"))
            return Trained(modelID: model.id, samples: model.samples, unreliable: model.unreliable, evaluation: model.evaluation)
        } catch MisinformationError.notEnoughVerdicts(let samples, let unreliable) {
            throw ValidationFailure([
                FieldError(
                    field: "verdicts",
                    message: "training needs \(ClassifierService.minimumSamples) decided items with \(ClassifierService.minimumPerLabel) of each verdict; the desk has \(samples), \(unreliable) false or misleading"
                )
            ])
        }
    }
}
