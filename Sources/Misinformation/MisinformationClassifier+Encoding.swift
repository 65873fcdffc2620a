import Foundation

/// A trained classifier as bytes, to keep in the store and load on every instance: a header
/// (`CVZM`, format 1, hashing bits), the bias, then the non-zero weights and the idf weights as
/// (index, value) pairs, little-endian. Training touches only the slots of seen terms, so a
/// model is a few hundred kilobytes rather than the whole vector.
extension MisinformationClassifier {
    /// Why bytes are not a classifier.
    public struct DecodingError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    static let magic: [UInt8] = Array("CVZM".utf8)
    static let format: UInt32 = 1

    /// The classifier as bytes (``init(encoded:)`` reads them back).
    public func encoded() -> Data {
        var writer = ByteWriter()
        writer.bytes.append(contentsOf: Self.magic)
        writer.append(Self.format)
        writer.append(UInt32(features.hashing.bits))
        writer.append(model.bias.bitPattern)
        writer.append(idf.unseen.bitPattern)
        let weights = model.weights.enumerated().filter { $0.element != 0 }
        writer.append(UInt32(weights.count))
        for (index, weight) in weights {
            writer.append(UInt32(index))
            writer.append(weight.bitPattern)
        }
        let idfWeights = idf.weights.sorted { $0.key < $1.key }
        writer.append(UInt32(idfWeights.count))
        for (index, weight) in idfWeights {
            writer.append(UInt32(index))
            writer.append(weight.bitPattern)
        }
        return Data(writer.bytes)
    }

    /// Reads a classifier written by ``encoded()``.
    public init(encoded data: Data) throws(DecodingError) {
        var reader = ByteReader(bytes: [UInt8](data))
        guard reader.take(4) == Self.magic, try reader.word() == Self.format else { throw DecodingError(description: "not a Covizone classifier of format 1") }
        let bits = Int(try reader.word())
        guard (8...24).contains(bits) else { throw DecodingError(description: "hashing bits \(bits) out of 8…24") }
        let hashing = FeatureHashing(bits: bits)
        let bias = Float(bitPattern: try reader.word())
        let unseen = Float(bitPattern: try reader.word())
        var model = LogisticRegression(dimension: hashing.dimension)
        model.bias = bias
        for (index, weight) in try reader.pairs(below: hashing.dimension) { model.weights[index] = weight }
        let idfWeights = Dictionary(try reader.pairs(below: hashing.dimension), uniquingKeysWith: { $1 })
        guard reader.isAtEnd else { throw DecodingError(description: "bytes after the classifier") }
        self.init(features: PostFeatures(hashing: hashing), idf: InverseDocumentFrequency(weights: idfWeights, unseen: unseen), model: model)
    }
}

private struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func append(_ word: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
    }
}

private struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    var isAtEnd: Bool { position == bytes.count }

    mutating func take(_ count: Int) -> [UInt8]? {
        guard bytes.count - position >= count else { return nil }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    mutating func word() throws(MisinformationClassifier.DecodingError) -> UInt32 {
        guard let four = take(4) else { throw .init(description: "the classifier's bytes end early") }
        return four.enumerated().reduce(0) { $0 | UInt32($1.element) << UInt32(8 * $1.offset) }
    }

    /// A count, then that many (index, value) pairs with every index below `dimension`.
    mutating func pairs(below dimension: Int) throws(MisinformationClassifier.DecodingError) -> [(Int, Float)] {
        let count = Int(try word())
        guard count <= dimension else { throw .init(description: "\(count) weights for \(dimension) slots") }
        var pairs: [(Int, Float)] = []
        pairs.reserveCapacity(count)
        for _ in 0..<count {
            let index = Int(try word())
            guard index < dimension else { throw .init(description: "slot \(index) outside \(dimension)") }
            pairs.append((index, Float(bitPattern: try word())))
        }
        return pairs
    }
}
