import ArgumentParser
import CovizoneCore
import Foundation
import Misinformation

/// The desk's classifier at the issue's scale, on one core: training on N labelled posts and
/// scoring M posts, each made by mixing the syllables of posts of one label from the labelled set
/// written for the tests (so the words and their spread are those of real-looking posts); and the
/// set's own 5-fold cross-validated ROC-AUC.
struct MisinformationBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "misinformation", abstract: "Train on N posts, score M, and cross-validate the labelled set.")

    @Option(help: "Posts to train on.") var train = 100_000
    @Option(help: "Posts to score.") var score = 1_000_000
    @Option(
        help: "A labelled set to cross-validate instead of the one written for the tests: ReINTEL's CSV (post_message, num_like_post, num_comment_post, num_share_post, label) or JSON lines with text, likes, comments, shares, label."
    )
    var data: String?

    struct Labelled: Decodable {
        var text: String
        var likes: Int
        var comments: Int
        var shares: Int
        var label: Int
    }

    func run() async throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Tests/MisinformationTests/Fixtures/posts-labelled.jsonl")
        let posts = try data.map { try Self.labelled(from: URL(fileURLWithPath: $0)) }
            ?? String(contentsOf: fixture, encoding: .utf8).split(separator: "\n").map { try JSONDecoder().decode(Labelled.self, from: Data($0.utf8)) }
        let samples = posts.map { PostSample(text: $0.text, likes: $0.likes, comments: $0.comments, shares: $0.shares) }

        var started = ContinuousClock.now
        guard let evaluation = MisinformationClassifier.crossValidate(samples, labels: posts.map(\.label), folds: 5) else { throw ValidationError("no evaluation") }
        print(String(format: "\(data == nil ? "labelled set" : "given set") (%d posts), 5-fold cross-validation: ROC-AUC %.3f, precision %.3f, recall %.3f at 0.5 (%.1f s)",
                     evaluation.samples, evaluation.auc, evaluation.precision, evaluation.recall, (ContinuousClock.now - started).timeInterval))

        var random = SplitMix64(seed: 2020)
        let syllables = [0, 1].map { label in posts.filter { $0.label == label }.map { ClaimText.syllables($0.text) } }
        func post(label: Int) -> PostSample {
            let sources = syllables[label]
            let words = (0..<Int.random(in: 20...45, using: &random)).map { _ in
                let source = sources[Int.random(in: 0..<sources.count, using: &random)]
                return source[Int.random(in: 0..<source.count, using: &random)]
            }
            return PostSample(
                text: words.joined(separator: " "), likes: Int.random(in: 0...5_000, using: &random), comments: Int.random(in: 0...500, using: &random),
                shares: Int.random(in: 0...(label == 1 ? 8_000 : 2_000), using: &random)
            )
        }
        let trainingLabels = (0..<train).map { $0 % 2 }
        let training = trainingLabels.map(post)
        started = ContinuousClock.now
        let classifier = MisinformationClassifier.train(training, labels: trainingLabels)
        report("training (hashed TF-IDF, logistic regression, 15 epochs)", operations: train, elapsed: ContinuousClock.now - started)

        let scoring = (0..<min(score, 100_000)).map { post(label: $0 % 2) }
        started = ContinuousClock.now
        var flagged = 0
        for index in 0..<score where classifier.score(scoring[index % scoring.count]) >= 0.5 { flagged += 1 }
        report("scoring", operations: score, elapsed: ContinuousClock.now - started)
        print("flagged \(flagged) of \(score) (half were drawn from unreliable posts)")
    }

    /// A labelled set from `file`: ReINTEL's CSV (rows without a label or a message are left out) or JSON lines.
    static func labelled(from file: URL) throws -> [Labelled] {
        let text = try String(contentsOf: file, encoding: .utf8)
        guard file.pathExtension.lowercased() == "csv" else {
            return try text.split(separator: "\n").map { try JSONDecoder().decode(Labelled.self, from: Data($0.utf8)) }
        }
        let records = try CSVParser.records(in: text)
        guard let header = records.first?.fields else { throw ValidationError("\(file.path) is empty") }
        func column(_ name: String) throws -> Int {
            guard let index = header.firstIndex(of: name) else { throw ValidationError("\(file.path) has no column \(name)") }
            return index
        }
        let (message, likes, comments, shares, label) = (
            try column("post_message"), try column("num_like_post"), try column("num_comment_post"), try column("num_share_post"), try column("label")
        )
        return records.dropFirst().compactMap { record in
            let fields = record.fields
            guard fields.count == header.count, let value = Int(fields[label]), !fields[message].isEmpty else { return nil }
            func count(_ index: Int) -> Int { Int(Double(fields[index]) ?? 0) }
            return Labelled(text: fields[message], likes: count(likes), comments: count(comments), shares: count(shares), label: value)
        }
    }
}
