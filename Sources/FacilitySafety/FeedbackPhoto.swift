import Foundation

/// A citizen's photo as Covizone keeps it: a JPEG or PNG of at most 2 MB whose metadata (camera,
/// time, GPS position, comments, embedded thumbnails) has been taken out, so that a report
/// cannot reveal more about its sender than they wrote.
public struct FeedbackPhoto: Sendable, Equatable {
    public static let maximumBytes = 2 << 20

    public enum Format: String, Sendable, Codable {
        case jpeg = "image/jpeg"
        case png = "image/png"
    }

    public let format: Format
    /// The image without its metadata.
    public let data: Data

    /// Reads `data` as a JPEG or PNG and strips its metadata; throws when it is neither, is
    /// damaged, or is too large.
    public init(_ data: Data) throws(PhotoProblem) {
        guard data.count <= Self.maximumBytes else { throw .tooLarge(limit: Self.maximumBytes) }
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xD8]) {
            format = .jpeg
            self.data = Data(try Self.strippedJPEG(bytes))
        } else if bytes.starts(with: Self.pngSignature) {
            format = .png
            self.data = Data(try Self.strippedPNG(bytes))
        } else {
            throw .notAnImage
        }
    }

    /// A stored photo, already stripped.
    public init(stored data: Data, format: Format) {
        self.data = data
        self.format = format
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// PNG chunks that hold only pixels and colour; every other ancillary chunk (text, time, EXIF) goes.
    static let keptPNGChunks: Set<String> = ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs"]

    /// The JPEG without its APP1–APP15 segments (EXIF, XMP, IPTC) and comments, except the colour
    /// profile (APP2 `ICC_PROFILE`) and Adobe's colour transform (APP14), which the pixels need.
    static func strippedJPEG(_ bytes: [UInt8]) throws(PhotoProblem) -> [UInt8] {
        var output: [UInt8] = [0xFF, 0xD8]
        var index = 2
        while index + 4 <= bytes.count {
            guard bytes[index] == 0xFF else { throw .damaged }
            let marker = bytes[index + 1]
            if marker == 0xFF { index += 1; continue }  // fill byte
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            let end = index + 2 + length
            guard length >= 2, end <= bytes.count else { throw .damaged }
            if marker == 0xDA {  // start of scan: the compressed image runs to the end
                output += bytes[index...]
                return output
            }
            if Self.keepsJPEGSegment(marker: marker, payload: bytes[(index + 4)..<end]) { output += bytes[index..<end] }
            index = end
        }
        throw .damaged
    }

    private static func keepsJPEGSegment(marker: UInt8, payload: ArraySlice<UInt8>) -> Bool {
        switch marker {
        case 0xE0: payload.starts(with: Array("JFIF".utf8))
        case 0xE2: payload.starts(with: Array("ICC_PROFILE".utf8))
        case 0xEE: payload.starts(with: Array("Adobe".utf8))
        case 0xE1...0xEF, 0xFE: false
        default: true
        }
    }

    /// The PNG with only its image and colour chunks.
    static func strippedPNG(_ bytes: [UInt8]) throws(PhotoProblem) -> [UInt8] {
        var output = pngSignature
        var index = pngSignature.count
        while index + 12 <= bytes.count {
            let length = bytes[index..<(index + 4)].reduce(0) { $0 << 8 | Int($1) }
            let end = index + 12 + length
            guard length >= 0, end <= bytes.count, let type = String(bytes: bytes[(index + 4)..<(index + 8)], encoding: .ascii) else { throw .damaged }
            let isCritical = type.first?.isUppercase == true
            if keptPNGChunks.contains(type) {
                output += bytes[index..<end]
            } else if isCritical {
                throw .damaged  // a critical chunk we do not know cannot be dropped
            }
            if type == "IEND" { return output }
            index = end
        }
        throw .damaged
    }
}

/// Why a photo was refused.
public enum PhotoProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case notAnImage
    case damaged
    case tooLarge(limit: Int)

    public var description: String {
        switch self {
        case .notAnImage: "must be a JPEG or PNG image"
        case .damaged: "is a damaged image"
        case .tooLarge(let limit): "must be at most \(limit / (1 << 20)) MB"
        }
    }
}
