import CovizoneCore
import Foundation

/// L2-regularised logistic regression over sparse vectors, trained by stochastic gradient
/// descent with AdaGrad step sizes in a seeded order (the same data trains the same model).
public struct LogisticRegression: Sendable, Codable, Equatable {
    public var weights: [Float]
    public var bias: Float

    /// What training does.
    public struct Settings: Sendable, Equatable {
        public var epochs = 15
        public var learningRate: Float = 0.5
        /// The L2 penalty λ (per sample).
        public var l2: Float = 1e-4
        public var seed: UInt64 = 2020

        public init() {}
    }

    public init(dimension: Int) {
        weights = [Float](repeating: 0, count: dimension)
        bias = 0
    }

    /// A model trained on `vectors` with `labels` (1 unreliable, 0 reliable).
    public static func train(_ vectors: [SparseVector], labels: [Int], dimension: Int, settings: Settings = Settings()) -> LogisticRegression {
        var model = LogisticRegression(dimension: dimension)
        var squares = [Float](repeating: 1e-8, count: dimension)
        var biasSquares: Float = 1e-8
        var order = Array(vectors.indices)
        var random = SplitMix64(seed: settings.seed)
        for _ in 0..<settings.epochs {
            order.shuffle(using: &random)
            for row in order {
                let vector = vectors[row]
                let error = model.probability(vector) - Float(labels[row])
                for (index, value) in zip(vector.indices, vector.values) {
                    let position = Int(index)
                    let gradient = error * value + settings.l2 * model.weights[position]
                    squares[position] += gradient * gradient
                    model.weights[position] -= settings.learningRate * gradient / squares[position].squareRoot()
                }
                biasSquares += error * error
                model.bias -= settings.learningRate * error / biasSquares.squareRoot()
            }
        }
        return model
    }

    /// The probability that a post is unreliable.
    public func probability(_ vector: SparseVector) -> Float {
        let z = vector.dot(weights) + bias
        return 1 / (1 + exp(-max(-30, min(30, z))))
    }
}
