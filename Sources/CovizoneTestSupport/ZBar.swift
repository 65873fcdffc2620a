import Foundation

/// Decodes images with `zbarimg` (Debian's zbar-tools, installed by scripts/test): a real,
/// independent QR reader. Tests that need it are skipped when it is missing.
public enum ZBar {
    public static let path: String? = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg", "/opt/homebrew/bin/zbarimg"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The texts zbarimg reads from a PGM image (one per symbol found).
    public static func decode(pgm: Data) async throws -> [String] {
        try await decode(image: pgm, fileExtension: "pgm")
    }

    /// The texts zbarimg reads from an image file's bytes (PNG, PGM, …).
    public static func decode(image: Data, fileExtension: String) async throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).\(fileExtension)")
        try image.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", "-Sbinary", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let _: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        // In binary mode zbarimg writes the symbol's bytes exactly, with no line feed after them.
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        return bytes.isEmpty ? [] : [String(decoding: bytes, as: UTF8.self)]
    }
}
