import Foundation

/// A QR code symbol (ISO/IEC 18004, model 2): versions 1–40, error correction L/M/Q/H, numeric,
/// alphanumeric and byte modes, the mask chosen by the standard's penalty rules.
public struct QRCode: Sendable, Equatable {
    public let version: Int
    public let errorCorrection: QRErrorCorrection
    public let mask: Int
    /// Modules per side: 21 for version 1, four more per version.
    public let size: Int
    /// Dark modules, row by row.
    let modules: [Bool]

    /// Why text cannot become a QR code.
    public enum Failure: Error, Equatable, Sendable {
        /// Longer than a version-40 symbol holds at the requested level.
        case tooLong
    }

    /// Encodes `text` in the smallest version that holds it at `errorCorrection` or better (the level
    /// is raised when that costs no size), in numeric, alphanumeric or UTF-8 byte mode.
    public init(text: String, errorCorrection: QRErrorCorrection = .medium, minimumVersion: Int = 1) throws(Failure) {
        try self.init(segment: QRSegment.make(for: text), errorCorrection: errorCorrection, minimumVersion: minimumVersion)
    }

    /// Encodes raw bytes.
    public init(data: Data, errorCorrection: QRErrorCorrection = .medium, minimumVersion: Int = 1) throws(Failure) {
        try self.init(segment: QRSegment.bytes(data), errorCorrection: errorCorrection, minimumVersion: minimumVersion)
    }

    init(segment: QRSegment, errorCorrection: QRErrorCorrection, minimumVersion: Int, forcedMask: Int? = nil) throws(Failure) {
        var chosen: (version: Int, bits: Int)?
        for version in max(1, minimumVersion)...40 {
            if let bits = segment.totalBits(version: version), bits <= QRTables.dataCodewords(version: version, level: errorCorrection) * 8 {
                chosen = (version, bits)
                break
            }
        }
        guard let (version, usedBits) = chosen else { throw .tooLong }
        var level = errorCorrection
        for better in QRErrorCorrection.allCases where better > level && usedBits <= QRTables.dataCodewords(version: version, level: better) * 8 {
            level = better
        }
        let codewords = Self.codewords(segment: segment, version: version, level: level)
        var matrix = QRMatrix(version: version)
        matrix.drawFunctionPatterns()
        matrix.drawCodewords(Self.interleavedWithErrorCorrection(codewords, version: version, level: level))
        let mask = forcedMask ?? (0..<8).min { matrix.penalty(level: level, mask: $0) < matrix.penalty(level: level, mask: $1) }!
        matrix.apply(mask: mask)
        matrix.drawFormatBits(level: level, mask: mask)
        self.version = version
        self.errorCorrection = level
        self.mask = mask
        self.size = matrix.size
        self.modules = matrix.modules
    }

    /// Whether the module at column `x`, row `y` is dark (outside the symbol: light).
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }

    /// Mode, count, data, terminator and padding as codewords filling the version's capacity.
    static func codewords(segment: QRSegment, version: Int, level: QRErrorCorrection) -> [UInt8] {
        let capacity = QRTables.dataCodewords(version: version, level: level) * 8
        var bits = BitBuffer()
        bits.append(segment.mode.rawValue, count: 4)
        bits.append(segment.characterCount, count: segment.mode.countBits(version: version))
        bits.append(segment.bits)
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var pad = 0xEC
        while bits.count < capacity {
            bits.append(pad, count: 8)
            pad ^= 0xEC ^ 0x11
        }
        return stride(from: 0, to: bits.count, by: 8).map { start in
            UInt8(bits.bits[start..<start + 8].reduce(0) { $0 << 1 | ($1 ? 1 : 0) })
        }
    }

    /// Splits the data into blocks, appends each block's error correction and interleaves them.
    static func interleavedWithErrorCorrection(_ data: [UInt8], version: Int, level: QRErrorCorrection) -> [UInt8] {
        let blockCount = QRTables.errorCorrectionBlocks[level.rawValue][version]
        let eccLength = QRTables.eccCodewordsPerBlock[level.rawValue][version]
        let rawCodewords = QRTables.rawDataModules(version: version) / 8
        let shortBlocks = blockCount - rawCodewords % blockCount
        let shortBlockLength = rawCodewords / blockCount
        let divisor = ReedSolomon.divisor(degree: eccLength)
        var blocks: [[UInt8]] = []
        var offset = 0
        for index in 0..<blockCount {
            let length = shortBlockLength - eccLength + (index < shortBlocks ? 0 : 1)
            let blockData = Array(data[offset..<offset + length])
            offset += length
            // Short blocks get a placeholder byte so every block has the same length; it is skipped below.
            blocks.append(blockData + (index < shortBlocks ? [0] : []) + ReedSolomon.remainder(of: blockData, divisor: divisor))
        }
        var result: [UInt8] = []
        for position in 0..<blocks[0].count {
            for (index, block) in blocks.enumerated() where position != shortBlockLength - eccLength || index >= shortBlocks {
                result.append(block[position])
            }
        }
        return result
    }
}
