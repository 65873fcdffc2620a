import FacilitySafety
import Foundation
import Testing

@Suite("Feedback photos")
struct FeedbackPhotoTests {
    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let length = data.count
        return [UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)] + Array(type.utf8) + data + [0, 0, 0, 0]
    }

    @Test("a JPEG loses its EXIF (with the GPS position), XMP and comments and keeps its pixels")
    func jpeg() throws {
        let jfif = Self.segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
        let exif = Self.segment(0xE1, Array("Exif\0\0GPS 21.0285N 105.8542E".utf8))
        let comment = Self.segment(0xFE, Array("taken by Nguyen Van A".utf8))
        let table = Self.segment(0xDB, [UInt8](repeating: 1, count: 65))
        let scan = Self.segment(0xDA, [1, 1, 0, 0, 63, 0]) + [0x12, 0x34, 0xFF, 0x00, 0x56] + [0xFF, 0xD9]
        let original = Data([0xFF, 0xD8] + jfif + exif + comment + table + scan)
        let photo = try FeedbackPhoto(original)
        #expect(photo.format == .jpeg)
        #expect(photo.data == Data([0xFF, 0xD8] + jfif + table + scan))
        #expect(photo.data.range(of: Data("GPS".utf8)) == nil)
        #expect(photo.data.range(of: Data("Nguyen".utf8)) == nil)
    }

    @Test("a PNG loses its text, time and EXIF chunks and keeps its image")
    func png() throws {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let header = Self.chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
        let text = Self.chunk("tEXt", Array("Author\0Tran Thi B".utf8))
        let exif = Self.chunk("eXIf", Array("GPS".utf8))
        let data = Self.chunk("IDAT", [1, 2, 3])
        let end = Self.chunk("IEND", [])
        let photo = try FeedbackPhoto(Data(signature + header + text + exif + data + end))
        #expect(photo.format == .png)
        #expect(photo.data == Data(signature + header + data + end))
    }

    @Test("anything else, a damaged image or one over 2 MB is refused")
    func refusals() {
        #expect(throws: PhotoProblem.notAnImage) { try FeedbackPhoto(Data("GIF89a".utf8)) }
        #expect(throws: PhotoProblem.damaged) { try FeedbackPhoto(Data([0xFF, 0xD8, 0xFF, 0xE1, 0x40, 0x00, 1, 2])) }
        #expect(throws: PhotoProblem.damaged) { try FeedbackPhoto(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 1])) }
        #expect(throws: PhotoProblem.tooLarge(limit: FeedbackPhoto.maximumBytes)) {
            try FeedbackPhoto(Data([0xFF, 0xD8] + [UInt8](repeating: 0, count: FeedbackPhoto.maximumBytes)))
        }
    }
}
