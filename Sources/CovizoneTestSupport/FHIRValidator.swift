import Foundation

/// The independent check of what Covizone writes as FHIR R4: `scripts/fhir-validator/validate.py`
/// run with the Python of `COVIZONE_TEST_FHIR_PYTHON` (a virtual environment holding
/// fhir.resources, which `scripts/test` installs). Tests that need it are skipped without it.
public enum FHIRValidator {
    public static let python = ProcessInfo.processInfo.environment["COVIZONE_TEST_FHIR_PYTHON"].flatMap {
        FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil
    }

    public static var isAvailable: Bool { python != nil }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/fhir-validator/validate.py")

    /// The validator's verdict on each resource (`ok Patient`, `invalid Bundle: …`), in order.
    public static func validate(_ resources: [Data]) throws -> [String] {
        guard let python else { return [] }
        let array = Data("[".utf8) + resources.joined(separator: Data(",".utf8)) + Data("]".utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(array)
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.split(separator: "\n").map(String.init)
    }
}
