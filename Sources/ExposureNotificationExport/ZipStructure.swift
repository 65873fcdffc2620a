import Foundation
import ZIPFoundation

/// Our own reader of a zip file's directory and entries. Export files come from the network, and
/// ZIPFoundation trusts the lengths and offsets it finds: it traps on some corrupted files; on
/// Linux it asks for more input without end when an entry's deflate stream does not end inside
/// the entry, and it tells zlib that every chunk of input is a whole buffer long, so zlib reads
/// past a shorter last chunk (both found by fuzzing). Here every length and offset that leads to an
/// entry must stay inside the file, an entry is inflated from its own bytes only, in chunks of
/// exactly the length asked for (zero-padded past the entry's end; asking past the padding is an
/// error), and what comes out may not exceed, and must end as, the size and CRC-32 the directory
/// gives.
enum ZipStructure {
    private static let endOfDirectorySignature: UInt32 = 0x0605_4B50
    private static let directoryEntrySignature: UInt32 = 0x0201_4B50
    private static let localHeaderSignature: UInt32 = 0x0403_4B50
    private static let endOfDirectoryLength = 22
    private static let stored: UInt16 = 0
    private static let deflated: UInt16 = 8

    /// One file in the zip, as its directory entry describes it.
    struct Entry {
        let name: String
        let method: UInt16
        let crc32: UInt32
        let compressed: Range<Int>
        let uncompressedSize: Int
    }

    /// The entries of `data` by name; throws ``ExportError/malformedArchive(_:)`` unless the
    /// directory is consistent.
    static func entries(of data: Data) throws -> [String: Entry] {
        let bytes = [UInt8](data)
        guard bytes.count >= endOfDirectoryLength else { throw ExportError.malformedArchive("not a zip file") }
        // The end-of-directory record is the last thing in the file, followed only by its comment.
        let endStart = try endOfDirectoryStart(bytes)
        let entryCount = Int(read16(bytes, endStart + 10))
        let directorySize = Int(read32(bytes, endStart + 12))
        let directoryStart = Int(read32(bytes, endStart + 16))
        guard directoryStart + directorySize <= endStart else { throw ExportError.malformedArchive("the zip directory lies outside the file") }
        var entries: [String: Entry] = [:]
        var position = directoryStart
        for _ in 0..<entryCount {
            guard position + 46 <= directoryStart + directorySize, read32(bytes, position) == directoryEntrySignature else {
                throw ExportError.malformedArchive("a zip directory entry is damaged")
            }
            let method = read16(bytes, position + 10)
            let crc32 = read32(bytes, position + 16)
            let compressedSize = Int(read32(bytes, position + 20))
            let uncompressedSize = Int(read32(bytes, position + 24))
            let nameLength = Int(read16(bytes, position + 28))
            let extraLength = Int(read16(bytes, position + 30))
            let commentLength = Int(read16(bytes, position + 32))
            let localStart = Int(read32(bytes, position + 42))
            let name = String(decoding: bytes[min(bytes.count, position + 46)..<min(bytes.count, position + 46 + nameLength)], as: UTF8.self)
            position += 46 + nameLength + extraLength + commentLength
            guard position <= directoryStart + directorySize else { throw ExportError.malformedArchive("a zip directory entry is damaged") }
            guard localStart + 30 <= directoryStart, read32(bytes, localStart) == localHeaderSignature else {
                throw ExportError.malformedArchive("a zip entry header is damaged")
            }
            let dataStart = localStart + 30 + Int(read16(bytes, localStart + 26)) + Int(read16(bytes, localStart + 28))
            guard dataStart + compressedSize <= directoryStart else { throw ExportError.malformedArchive("a zip entry runs past its end") }
            entries[name] = Entry(name: name, method: method, crc32: crc32, compressed: dataStart..<dataStart + compressedSize, uncompressedSize: uncompressedSize)
        }
        return entries
    }

    /// The contents of `entry` in `data`, at most `limit` bytes.
    static func contents(of entry: Entry, in data: Data, limit: Int) throws -> Data {
        guard entry.uncompressedSize <= limit else { throw ExportError.malformedArchive("\(entry.name) is too large") }
        let compressed = data.subdata(in: data.startIndex + entry.compressed.lowerBound..<data.startIndex + entry.compressed.upperBound)
        let contents: Data
        switch entry.method {
        case stored:
            contents = compressed
        case deflated:
            contents = try inflate(compressed, expecting: entry.uncompressedSize, name: entry.name)
        default:
            throw ExportError.malformedArchive("\(entry.name) is compressed in a way export files are not")
        }
        guard contents.count == entry.uncompressedSize, contents.crc32(checksum: 0) == entry.crc32 else {
            throw ExportError.malformedArchive("\(entry.name) is not what its zip directory says")
        }
        return contents
    }

    /// Inflates `compressed`, refusing a stream that wants more than it holds or gives more than
    /// `expected` bytes.
    private static func inflate(_ compressed: Data, expecting expected: Int, name: String) throws -> Data {
        var contents = Data()
        do {
            _ = try Data.decompress(
                size: Int64(compressed.count), bufferSize: 64 * 1024, skipCRC32: true,
                provider: { position, chunkSize in
                    guard position < compressed.count else { throw ExportError.malformedArchive("\(name) ends before its deflate stream") }
                    let start = Int(position)
                    var chunk = compressed.subdata(in: start..<min(compressed.count, start + chunkSize))
                    chunk.append(Data(count: chunkSize - chunk.count))
                    return chunk
                },
                consumer: { chunk in
                    guard contents.count + chunk.count <= expected else { throw ExportError.malformedArchive("\(name) holds more than its zip directory says") }
                    contents.append(chunk)
                }
            )
        } catch let error as ExportError {
            throw error
        } catch {
            throw ExportError.malformedArchive("\(name) cannot be inflated")
        }
        return contents
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
