import Foundation

/// A post or tip as the classifier sees it: its text and, for monitored posts, how far it spread.
public struct PostSample: Sendable, Equatable {
    public var text: String
    public var likes: Int
    public var comments: Int
    public var shares: Int

    public init(text: String, likes: Int = 0, comments: Int = 0, shares: Int = 0) {
        self.text = text
        self.likes = likes
        self.comments = comments
        self.shares = shares
    }
}

/// A sparse vector: positions in increasing order and their values.
public struct SparseVector: Sendable, Equatable {
    public var indices: [Int32]
    public var values: [Float]

    /// The dot product with a dense vector.
    func dot(_ weights: [Float]) -> Float {
        var sum: Float = 0
        for (index, value) in zip(indices, values) { sum += weights[Int(index)] * value }
        return sum
    }
}

/// The features of a post: syllable unigrams and bigrams, as written and folded, hashed; the
/// share of capital letters, exclamation marks and text without diacritics; and the spread's
/// logarithms. Term counts are weighted by TF-IDF (``InverseDocumentFrequency``) and the text part
/// scaled to unit length.
public struct PostFeatures: Sendable {
    public let hashing: FeatureHashing

    public init(hashing: FeatureHashing = FeatureHashing()) {
        self.hashing = hashing
    }

    /// The names of the text's features, with repeats (what the counts are made of).
    public func terms(of text: String) -> [String] {
        let syllables = ClaimText.syllables(text)
        let folded = syllables.map(ClaimText.folded)
        var terms: [String] = []
        terms.reserveCapacity(syllables.count * 4)
        for index in syllables.indices {
            terms.append("w:" + syllables[index])
            terms.append("f:" + folded[index])
            if index > 0 {
                terms.append("w2:" + syllables[index - 1] + " " + syllables[index])
                terms.append("f2:" + folded[index - 1] + " " + folded[index])
            }
        }
        return terms
    }

    /// The named features that are not words: style and spread, each already scaled to about 0…1
    /// (one pass over the text's scalars).
    public func signals(of sample: PostSample) -> [(name: String, value: Float)] {
        var letters = 0, capitals = 0, marked = 0, exclamations = 0
        for scalar in sample.text.unicodeScalars {
            if scalar == "!" { exclamations += 1 }
            guard scalar.properties.isAlphabetic else { continue }
            letters += 1
            if scalar.properties.isUppercase { capitals += 1 }
            if !scalar.isASCII { marked += 1 }
        }
        func logScale(_ count: Int) -> Float { Float(log1p(Double(max(0, count))) / log1p(100_000)) }
        return [
            ("s:capitals", letters == 0 ? 0 : Float(capitals) / Float(letters)),
            ("s:no-diacritics", letters < 20 ? 0 : (marked == 0 ? 1 : 0)),
            ("s:exclamations", min(1, Float(exclamations) / 5)),
            ("m:likes", logScale(sample.likes)),
            ("m:comments", logScale(sample.comments)),
            ("m:shares", logScale(sample.shares)),
            ("m:shares-per-like", Float(min(5, Double(sample.shares + 1) / Double(sample.likes + 1)) / 5)),
        ]
    }

    /// The slots of the text's terms (the same as hashing ``terms(of:)``, without making the strings).
    public func slots(of text: String) -> [(index: Int, sign: Float)] {
        let syllables = ClaimText.syllables(text)
        let folded = syllables.map(ClaimText.folded)
        var slots: [(index: Int, sign: Float)] = []
        slots.reserveCapacity(syllables.count * 4)
        for index in syllables.indices {
            slots.append(hashing.slot(tag: "w:", syllables[index]))
            slots.append(hashing.slot(tag: "f:", folded[index]))
            if index > 0 {
                slots.append(hashing.slot(tag: "w2:", syllables[index - 1], syllables[index]))
                slots.append(hashing.slot(tag: "f2:", folded[index - 1], folded[index]))
            }
        }
        return slots
    }

    /// The vector of `sample` under `idf` (unit-length TF-IDF of its terms, then its signals).
    public func vector(_ sample: PostSample, idf: InverseDocumentFrequency) -> SparseVector {
        var entries = slots(of: sample.text).map { (index: $0.index, value: $0.sign) }
        entries.sort { $0.index < $1.index }
        var indices: [Int32] = [], values: [Float] = []
        indices.reserveCapacity(entries.count + 7)
        values.reserveCapacity(entries.count + 7)
        for entry in entries {
            if let last = indices.last, Int(last) == entry.index {
                values[values.count - 1] += entry.value
            } else {
                indices.append(Int32(entry.index))
                values.append(entry.value)
            }
        }
        var norm: Float = 0
        for position in values.indices {
            values[position] *= idf.weight(at: Int(indices[position]))
            norm += values[position] * values[position]
        }
        if norm > 0 {
            let scale = 1 / norm.squareRoot()
            for position in values.indices { values[position] *= scale }
        }
        var combined = SparseVector(indices: indices, values: values)
        for signal in signals(of: sample) { combined.add(signal.value, at: hashing.slot(of: signal.name).index) }
        return combined
    }
}

extension SparseVector {
    /// Adds `value` at `index`, keeping the positions in order.
    mutating func add(_ value: Float, at index: Int) {
        let position = indices.firstIndex { Int($0) >= index } ?? indices.count
        if position < indices.count, Int(indices[position]) == index {
            values[position] += value
        } else {
            indices.insert(Int32(index), at: position)
            values.insert(value, at: position)
        }
    }
}

/// How rare each hashed term is among the training posts: `ln((1 + n) / (1 + df)) + 1`.
public struct InverseDocumentFrequency: Sendable, Codable, Equatable {
    var weights: [Int: Float]
    var unseen: Float

    /// Counts, over `texts`, how many hold each hashed term.
    public init(texts: [String], features: PostFeatures) {
        var documentFrequency: [Int: Int] = [:]
        for text in texts {
            for index in Set(features.slots(of: text).map(\.index)) { documentFrequency[index, default: 0] += 1 }
        }
        let n = Float(texts.count)
        weights = documentFrequency.mapValues { log((1 + n) / (1 + Float($0))) + 1 }
        unseen = log(1 + n) + 1
    }

    init(weights: [Int: Float], unseen: Float) {
        self.weights = weights
        self.unseen = unseen
    }

    func weight(at index: Int) -> Float { weights[index] ?? unseen }
}
