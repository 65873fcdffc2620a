import CovizoneCore

/// Honest figures of a classifier: k-fold cross-validation (each fold scored by a model that never
/// saw it, folds stratified by label), the ROC-AUC of the held-out scores, and precision and
/// recall at a threshold.
public struct ModelEvaluation: Sendable, Equatable, Codable {
    public var folds: Int
    public var samples: Int
    /// Area under the ROC curve of the held-out scores (0.5 is chance).
    public var auc: Double
    public var precision: Double
    public var recall: Double
    public var threshold: Double

    /// The area under the ROC curve: the chance that a random unreliable post scores above a
    /// random reliable one (ties count half). nil without both labels.
    public static func rocAUC(scores: [Float], labels: [Int]) -> Double? {
        let positives = labels.filter { $0 == 1 }.count, negatives = labels.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        let ranked = zip(scores, labels).sorted { $0.0 < $1.0 }
        var rankSum = 0.0
        var start = 0
        while start < ranked.count {
            var end = start
            while end + 1 < ranked.count, ranked[end + 1].0 == ranked[start].0 { end += 1 }
            let averageRank = Double(start + end) / 2 + 1
            for index in start...end where ranked[index].1 == 1 { rankSum += averageRank }
            start = end + 1
        }
        return (rankSum - Double(positives * (positives + 1)) / 2) / Double(positives * negatives)
    }

    /// Cross-validates `train` then `score` over the samples with `labels` in `folds` folds.
    /// Samples of one group (`groups`, such as the posts of one claim, which repeat each other)
    /// share a fold, so that no fold is scored by a model that saw its near-copies.
    public static func crossValidate(
        labels: [Int], groups: [Int64]? = nil, folds: Int, threshold: Double = 0.5, seed: UInt64 = 2020,
        train: (_ trainingRows: [Int]) -> (_ row: Int) -> Float
    ) -> ModelEvaluation? {
        guard folds >= 2, labels.count >= folds, groups.map({ $0.count == labels.count }) ?? true else { return nil }
        let groups = groups ?? labels.indices.map(Int64.init)
        var random = SplitMix64(seed: seed)
        var foldOfGroup: [Int64: Int] = [:]
        for label in [0, 1] {
            var seen: Set<Int64> = []
            let labelled = labels.indices.filter { labels[$0] == label }.map { groups[$0] }.filter { seen.insert($0).inserted && foldOfGroup[$0] == nil }
            for (position, group) in labelled.shuffled(using: &random).enumerated() { foldOfGroup[group] = position % folds }
        }
        let foldOf = labels.indices.map { foldOfGroup[groups[$0]] ?? 0 }
        var scores = [Float](repeating: 0, count: labels.count)
        for fold in 0..<folds {
            let score = train(labels.indices.filter { foldOf[$0] != fold })
            for row in labels.indices where foldOf[row] == fold { scores[row] = score(row) }
        }
        guard let auc = rocAUC(scores: scores, labels: labels) else { return nil }
        let flagged = labels.indices.filter { Double(scores[$0]) >= threshold }
        let truePositives = flagged.filter { labels[$0] == 1 }.count
        let positives = labels.filter { $0 == 1 }.count
        return ModelEvaluation(
            folds: folds, samples: labels.count, auc: auc, precision: flagged.isEmpty ? 0 : Double(truePositives) / Double(flagged.count),
            recall: positives == 0 ? 0 : Double(truePositives) / Double(positives), threshold: threshold
        )
    }
}
