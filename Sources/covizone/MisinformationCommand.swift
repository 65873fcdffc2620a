import ArgumentParser
import CovizoneServer

/// `covizone misinformation train`: trains the desk's classifier on its verdicts.
struct MisinformationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "misinformation", abstract: "The misinformation desk.", subcommands: [Train.self])

    struct Train: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train a new version of the classifier on the desk's verdicts and print: model=N samples=N unreliable=N auc=X precision=X recall=X.",
            discussion: "Cross-validated by claim in up to 5 folds; the servers score new tips and posts with the newest version within a minute."
        )

        @OptionGroup var store: StoreOptions

        func run() async throws {
            var configuration = ServerConfiguration()
            try store.apply(to: &configuration)
            let trained = try await withStore(configuration, label: "covizone.misinformation") { database, _ in
                try await MisinformationTraining(database: database).train()
            }
            let figures = trained.evaluation.map { String(format: " auc=%.3f precision=%.3f recall=%.3f", $0.auc, $0.precision, $0.recall) } ?? " auc=-"
            print("model=\(trained.modelID) samples=\(trained.samples) unreliable=\(trained.unreliable)" + figures)
        }
    }
}
