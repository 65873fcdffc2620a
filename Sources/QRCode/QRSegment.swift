import Foundation

/// A run of data in one encoding mode, with the bits that encode it.
struct QRSegment: Sendable {
    enum Mode: Int {
        case numeric = 0x1
        case alphanumeric = 0x2
        case byte = 0x4

        /// Width of the character count for a version (ISO/IEC 18004 table 3).
        func countBits(version: Int) -> Int {
            let column = version <= 9 ? 0 : version <= 26 ? 1 : 2
            switch self {
            case .numeric: return [10, 12, 14][column]
            case .alphanumeric: return [9, 11, 13][column]
            case .byte: return [8, 16, 16][column]
            }
        }
    }

    /// The 45 characters of alphanumeric mode, in code order.
    static let alphanumericCharacters = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")

    let mode: Mode
    let characterCount: Int
    let bits: BitBuffer

    /// The most compact single segment for `text`: numeric, alphanumeric, or UTF-8 bytes.
    static func make(for text: String) -> QRSegment {
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) { return numeric(text) }
        if text.allSatisfy({ alphanumericCharacters.contains($0) }) { return alphanumeric(text) }
        return bytes(Data(text.utf8))
    }

    static func bytes(_ data: Data) -> QRSegment {
        var bits = BitBuffer()
        for byte in data { bits.append(Int(byte), count: 8) }
        return QRSegment(mode: .byte, characterCount: data.count, bits: bits)
    }

    static func numeric(_ digits: String) -> QRSegment {
        var bits = BitBuffer()
        let values = digits.compactMap(\.wholeNumberValue)
        for start in stride(from: 0, to: values.count, by: 3) {
            let group = values[start..<min(start + 3, values.count)]
            bits.append(group.reduce(0) { $0 * 10 + $1 }, count: group.count * 3 + 1)
        }
        return QRSegment(mode: .numeric, characterCount: values.count, bits: bits)
    }

    static func alphanumeric(_ text: String) -> QRSegment {
        var bits = BitBuffer()
        let codes = text.compactMap { alphanumericCharacters.firstIndex(of: $0) }
        for start in stride(from: 0, to: codes.count, by: 2) {
            if start + 1 < codes.count {
                bits.append(codes[start] * 45 + codes[start + 1], count: 11)
            } else {
                bits.append(codes[start], count: 6)
            }
        }
        return QRSegment(mode: .alphanumeric, characterCount: codes.count, bits: bits)
    }

    /// Bits this segment takes in a symbol of `version`, or nil when its count does not fit.
    func totalBits(version: Int) -> Int? {
        let countBits = mode.countBits(version: version)
        guard characterCount < 1 << countBits else { return nil }
        return 4 + countBits + bits.count
    }
}

/// Bits appended most significant first.
struct BitBuffer: Sendable {
    private(set) var bits: [Bool] = []

    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
    }

    mutating func append(_ other: BitBuffer) { bits += other.bits }
}
