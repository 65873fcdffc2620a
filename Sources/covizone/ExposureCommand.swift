import ArgumentParser
import ExposureNotification
import ExposureNotificationExport
import Foundation

/// `covizone exposure …`: tools for app developers and operators of exposure notification.
struct ExposureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exposure",
        abstract: "Exposure notification tools (GAEN-compatible).",
        subcommands: [RollingIdentifiers.self, Inspect.self, ExportNow.self, RotateSigningKey.self, SimulateCommand.self]
    )

    struct RollingIdentifiers: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rpi",
            abstract: "Print the rolling proximity identifiers and encrypted metadata of a key: one line 'ENIN RPI_HEX AEM_HEX' per interval."
        )

        @Option(help: "The temporary exposure key, 32 hexadecimal digits.") var tek: String
        @Option(help: "The first ENIntervalNumber (10-minute intervals since 1970).") var interval: UInt32
        @Option(help: "How many intervals to print (1-144).") var count = 1
        @Option(help: "Bluetooth metadata, 8 hexadecimal digits.") var metadata = "40080000"

        func validate() throws {
            guard (1...144).contains(count) else { throw ValidationError("--count must be 1 to 144") }
        }

        func run() throws {
            let keyData = try hexBytes(tek, name: "--tek")
            let metadataBytes = try hexBytes(metadata, name: "--metadata")
            guard metadataBytes.count == 4 else { throw ValidationError("--metadata must be 4 bytes (8 hexadecimal digits)") }
            let start = ENIntervalNumber(rawValue: interval)
            let key: TemporaryExposureKey
            do {
                key = try TemporaryExposureKey(keyData: keyData, rollingStartIntervalNumber: start, rollingPeriod: UInt32(count))
            } catch let error as ExposureNotificationError {
                throw ValidationError("--tek: \(error.description)")
            }
            for interval in key.intervals {
                let rpi = key.rollingProximityIdentifier(at: interval)
                print("\(interval.rawValue) \(rpi) \(hexString(key.encryptMetadata(metadataBytes, for: rpi)))")
            }
        }
    }

    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the header fields and key count of a key export zip and whether its signature verifies."
        )

        @Argument(help: "The export zip.") var file: String
        @Option(name: .customLong("public-key"), help: "A PEM file (or base64 DER) of the P-256 key to verify the signature with.")
        var publicKey: String?

        func run() throws {
            guard let zip = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            do {
                let archive = try ExportArchive(zip: zip)
                let export = try ExposureKeyExport(serialized: archive.exportBinary)
                print("region: \(export.region)")
                print("start: \(Int(export.startTimestamp.timeIntervalSince1970)) (\(export.startTimestamp.formatted(.iso8601)))")
                print("end: \(Int(export.endTimestamp.timeIntervalSince1970)) (\(export.endTimestamp.formatted(.iso8601)))")
                print("batch: \(export.batchNumber) of \(export.batchSize)")
                print("keys: \(export.keys.count)")
                print("revised keys: \(export.revisedKeys.count)")
                for signature in archive.signatures {
                    print("signature: key id \(signature.info.keyID), version \(signature.info.keyVersion), algorithm \(signature.info.algorithm)")
                }
                guard let publicKey else {
                    print("signature verified: not checked (no --public-key)")
                    return
                }
                let encoded = FileManager.default.contents(atPath: publicKey).map { String(decoding: $0, as: UTF8.self) } ?? publicKey
                let candidates = try archive.signatures.map {
                    try ExportVerificationKey(keyID: $0.info.keyID, keyVersion: $0.info.keyVersion, encoded: encoded)
                }
                let verified = (try? archive.verifiedExport(with: candidates)) != nil
                print("signature verified: \(verified ? "yes" : "no")")
                if !verified { throw ExitCode(1) }
            } catch let error as ExportError {
                throw ValidationError("\(file): \(error.description)")
            }
        }
    }
}

/// Bytes of a hexadecimal string, or a one-line error naming the option.
private func hexBytes(_ text: String, name: String) throws -> Data {
    let digits = Array(text.utf8)
    guard digits.count % 2 == 0 else { throw ValidationError("\(name) must have an even number of hexadecimal digits") }
    var bytes = Data(capacity: digits.count / 2)
    for index in stride(from: 0, to: digits.count, by: 2) {
        guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else {
            throw ValidationError("\(name) is not hexadecimal")
        }
        bytes.append(byte)
    }
    return bytes
}

private func hexString(_ data: Data) -> String {
    data.map { String(format: "%02x", $0) }.joined()
}
