import CovizoneTestSupport
@testable import QRCode
import Foundation
import PropertyBased
import Testing

@Suite("QR code encoder")
struct QRCodeTests {
    @Test("HELLO WORLD 1-M: the codewords and error correction of the worked example")
    func helloWorld() throws {
        let segment = QRSegment.make(for: "HELLO WORLD")
        #expect(segment.mode == .alphanumeric)
        let data = QRCode.codewords(segment: segment, version: 1, level: .medium)
        #expect(data == [0x20, 0x5B, 0x0B, 0x78, 0xD1, 0x72, 0xDC, 0x4D, 0x43, 0x40, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11])
        let all = QRCode.interleavedWithErrorCorrection(data, version: 1, level: .medium)
        #expect(Array(all.suffix(10)) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("the capacity tables add up: every version's codewords fill its modules")
    func capacities() {
        for version in 1...40 {
            let raw = QRTables.rawDataModules(version: version) / 8
            for level in QRErrorCorrection.allCases {
                let blocks = QRTables.errorCorrectionBlocks[level.rawValue][version]
                #expect(QRTables.dataCodewords(version: version, level: level) > 0)
                #expect(raw / blocks >= QRTables.eccCodewordsPerBlock[level.rawValue][version], "v\(version) \(level)")
            }
        }
        // Known capacities: 1-L holds 17 bytes, 40-L 2,953 bytes, 40-H 1,273 bytes.
        #expect(QRTables.dataCodewords(version: 1, level: .low) - 2 == 17)
        #expect(QRTables.dataCodewords(version: 40, level: .low) - 3 == 2953)
        #expect(QRTables.dataCodewords(version: 40, level: .high) - 3 == 1273)
    }

    @Test("function patterns: finders in three corners, timing lines, the dark module, format bits of Q/mask 0")
    func structure() throws {
        // HELLO WORLD fits version 1 at Q, so the requested M is raised to Q.
        let code = try QRCode(segment: .make(for: "HELLO WORLD"), errorCorrection: .medium, minimumVersion: 1, forcedMask: 0)
        #expect(code.size == 21 && code.version == 1 && code.errorCorrection == .quartile)
        for (x, y) in [(0, 0), (14, 0), (0, 14)] {
            #expect((0..<7).allSatisfy { code.isDark(x: x + $0, y: y) && code.isDark(x: x, y: y + $0) }, "finder at \(x),\(y)")
            #expect(code.isDark(x: x + 3, y: y + 3) && !code.isDark(x: x + 1, y: y + 1))
        }
        #expect((8...12).allSatisfy { code.isDark(x: $0, y: 6) == ($0 % 2 == 0) }, "horizontal timing")
        #expect(code.isDark(x: 8, y: code.size - 8), "the dark module")
        // Format Q, mask 0 = 011010101011111 (ISO/IEC 18004 table C.1), read around the top-left finder.
        let format = (0...5).map { code.isDark(x: 8, y: $0) } + [code.isDark(x: 8, y: 7), code.isDark(x: 8, y: 8), code.isDark(x: 7, y: 8)]
            + (9..<15).map { code.isDark(x: 14 - $0, y: 8) }
        let value = format.enumerated().reduce(0) { $0 | ($1.element ? 1 << $1.offset : 0) }
        #expect(value == 0b011010101011111)
    }

    @Test("too much data for version 40 is an error")
    func tooLong() {
        #expect(throws: QRCode.Failure.tooLong) { try QRCode(text: String(repeating: "ă", count: 1500), errorCorrection: .high) }
        #expect(throws: Never.self) { try QRCode(text: String(repeating: "7", count: 7089), errorCorrection: .low) }
    }

    @Test("the level is raised when the data fits anyway")
    func boost() throws {
        #expect(try QRCode(text: "1", errorCorrection: .low).errorCorrection == .high)
    }
}

@Suite("QR codes decoded by zbarimg", .enabled(if: ZBar.path != nil, "needs zbarimg (apt-get install zbar-tools)"))
struct QRDecodeTests {
    @Test("every version, filled to capacity with bytes at one of the four levels in turn, reads back")
    func everyVersion() async throws {
        for version in 1...40 {
            let level = QRErrorCorrection.allCases[version % 4]
            let capacity = QRTables.dataCodewords(version: version, level: level) - (version <= 9 ? 2 : 3)
            let text = String((0..<capacity).map { index in Character(UnicodeScalar(UInt8(97 + (index * 7 + version) % 26))) })
            let code = try QRCode(text: text, errorCorrection: level)
            #expect(code.version == version && code.errorCorrection == level)
            #expect(try await ZBar.decode(pgm: code.pgm(scale: 2)) == [text], "version \(version) \(level)")
        }
    }

    @Test("every mask reads back", arguments: 0..<8)
    func everyMask(mask: Int) async throws {
        let text = "https://covizone.example/c#AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8w"
        let code = try QRCode(segment: .make(for: text), errorCorrection: .quartile, minimumVersion: 1, forcedMask: mask)
        #expect(try await ZBar.decode(pgm: code.pgm()) == [text])
    }

    @Test("numeric, alphanumeric and UTF-8 Vietnamese text read back")
    func modes() async throws {
        for text in [String(repeating: "0123456789", count: 30), "HTTPS://COVIZONE.VN/C#ABC-123 $%*+./:", "Nguyễn Thị Ánh – Quán phở Hà Nội"] {
            #expect(try await ZBar.decode(pgm: try QRCode(text: text).pgm()) == [text])
        }
    }

    @Test("line breaks, tabs and a final line feed or carriage return read back")
    func controlCharacters() async throws {
        for text in ["\r", "a\r", "first\r\nsecond\r\n", "\n  ", "tab\there\n"] {
            #expect(try await ZBar.decode(pgm: try QRCode(text: text).pgm()) == [text])
        }
    }

    @Test("random text reads back (property-based)")
    func randomText() async {
        await propertyCheck(count: 25, input: Gen.ascii.string(of: 1...300)) { text in
            let code = try QRCode(text: text, errorCorrection: .medium)
            #expect(try await ZBar.decode(pgm: code.pgm()) == [text])
        }
    }
}
