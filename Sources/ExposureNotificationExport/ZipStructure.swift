import Foundation

/// A bounds check of a zip file's directory before ZIPFoundation reads it: ZIPFoundation trusts
/// the lengths and offsets it finds and traps on some corrupted files, and export files come
/// from the network. Every length and offset that leads to an entry must stay inside the file.
enum ZipStructure {
    private static let endOfDirectorySignature: UInt32 = 0x0605_4B50
    private static let directoryEntrySignature: UInt32 = 0x0201_4B50
    private static let localHeaderSignature: UInt32 = 0x0403_4B50
    private static let endOfDirectoryLength = 22

    /// Throws ``ExportError/malformedArchive(_:)`` unless the directory is consistent.
    static func validate(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count >= endOfDirectoryLength else { throw ExportError.malformedArchive("not a zip file") }
        // The end-of-directory record is the last thing in the file, followed only by its comment.
        let endStart = try endOfDirectoryStart(bytes)
        let entryCount = Int(read16(bytes, endStart + 10))
        let directorySize = Int(read32(bytes, endStart + 12))
        let directoryStart = Int(read32(bytes, endStart + 16))
        guard directoryStart + directorySize <= endStart else { throw ExportError.malformedArchive("the zip directory lies outside the file") }
        var position = directoryStart
        for _ in 0..<entryCount {
            guard position + 46 <= directoryStart + directorySize, read32(bytes, position) == directoryEntrySignature else {
                throw ExportError.malformedArchive("a zip directory entry is damaged")
            }
            let compressedSize = Int(read32(bytes, position + 20))
            let nameLength = Int(read16(bytes, position + 28))
            let extraLength = Int(read16(bytes, position + 30))
            let commentLength = Int(read16(bytes, position + 32))
            let localStart = Int(read32(bytes, position + 42))
            position += 46 + nameLength + extraLength + commentLength
            guard position <= directoryStart + directorySize else { throw ExportError.malformedArchive("a zip directory entry is damaged") }
            guard localStart + 30 <= directoryStart, read32(bytes, localStart) == localHeaderSignature else {
                throw ExportError.malformedArchive("a zip entry header is damaged")
            }
            let dataStart = localStart + 30 + Int(read16(bytes, localStart + 26)) + Int(read16(bytes, localStart + 28))
            guard dataStart + compressedSize <= directoryStart else { throw ExportError.malformedArchive("a zip entry runs past its end") }
        }
    }

    private static func endOfDirectoryStart(_ bytes: [UInt8]) throws -> Int {
        let earliest = max(0, bytes.count - endOfDirectoryLength - Int(UInt16.max))
        var start = bytes.count - endOfDirectoryLength
        while start >= earliest {
            if read32(bytes, start) == endOfDirectorySignature, start + endOfDirectoryLength + Int(read16(bytes, start + 20)) == bytes.count {
                return start
            }
            start -= 1
        }
        throw ExportError.malformedArchive("not a zip file")
    }

    private static func read16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else { return .max }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func read32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { return .max }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }
}
