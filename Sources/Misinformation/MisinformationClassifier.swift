/// The desk's ranker: hashed syllable TF-IDF and a post's style and spread, weighed by L2
/// logistic regression trained on the desk's own verdicts (1 unreliable, 0 reliable). It orders
/// the review queue and says which words pushed a post up.
public struct MisinformationClassifier: Sendable {
    public let features: PostFeatures
    public let idf: InverseDocumentFrequency
    public let model: LogisticRegression

    public init(features: PostFeatures, idf: InverseDocumentFrequency, model: LogisticRegression) {
        self.features = features
        self.idf = idf
        self.model = model
    }

    /// Trains on `samples` labelled `labels`.
    public static func train(
        _ samples: [PostSample], labels: [Int], features: PostFeatures = PostFeatures(), settings: LogisticRegression.Settings = .init()
    ) -> MisinformationClassifier {
        let idf = InverseDocumentFrequency(texts: samples.map(\.text), features: features)
        let vectors = samples.map { features.vector($0, idf: idf) }
        let model = LogisticRegression.train(vectors, labels: labels, dimension: features.hashing.dimension, settings: settings)
        return MisinformationClassifier(features: features, idf: idf, model: model)
    }

    /// The probability that `sample` is unreliable.
    public func score(_ sample: PostSample) -> Float {
        model.probability(features.vector(sample, idf: idf))
    }

    /// The words of `sample` that raised its score most, strongest first (at most `limit`); the
    /// syllables every text uses are left out (they say nothing to the desk).
    public func reasons(for sample: PostSample, limit: Int = 5) -> [String] {
        var pushes: [String: Float] = [:]
        for term in features.terms(of: sample.text) where term.hasPrefix("w:") || term.hasPrefix("w2:") {
            let words = term.drop { $0 != ":" }.dropFirst()
            guard !words.split(separator: " ").allSatisfy({ ClaimText.commonSyllables.contains(ClaimText.folded(String($0))) }) else { continue }
            let slot = features.hashing.slot(of: term)
            pushes[String(words), default: 0] += slot.sign * model.weights[slot.index] * idf.weight(at: slot.index)
        }
        return pushes.filter { $0.value > 0 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(limit).map(\.key)
    }

    /// `folds`-fold cross-validation of training on `samples`: every score comes from a model
    /// that did not see the sample (nor, with `groups`, any sample of its group).
    public static func crossValidate(
        _ samples: [PostSample], labels: [Int], groups: [Int64]? = nil, folds: Int = 5, features: PostFeatures = PostFeatures(),
        settings: LogisticRegression.Settings = .init()
    ) -> ModelEvaluation? {
        ModelEvaluation.crossValidate(labels: labels, groups: groups, folds: folds) { rows in
            let classifier = train(rows.map { samples[$0] }, labels: rows.map { labels[$0] }, features: features, settings: settings)
            return { row in classifier.score(samples[row]) }
        }
    }
}
