import Crypto
import ExposureNotification
import Foundation
import SwiftProtobuf
import ZIPFoundation

/// A key export zip: `export.bin` and `export.sig`. Writing signs `export.bin` with every given
/// key (ECDSA P-256 over its SHA-256, DER); reading checks the signatures before trusting the keys.
public struct ExportArchive: Sendable {
    /// Largest entry a reader accepts, against zip bombs.
    public static let maximumEntrySize = 64 << 20

    /// The bytes of `export.bin`.
    public let exportBinary: Data
    /// The signatures of `export.sig`.
    public let signatures: [Signature]

    /// One signature and what it names.
    public struct Signature: Sendable {
        public var info: ExportSignatureInfo
        public var batchNumber: Int
        public var batchSize: Int
        /// DER-encoded ECDSA signature.
        public var der: Data
    }

    /// An archive of bytes already made (to re-package or inspect them).
    public init(exportBinary: Data, signatures: [Signature]) {
        self.exportBinary = exportBinary
        self.signatures = signatures
    }

    /// Serializes `export` and signs it with `keys`.
    public init(export: ExposureKeyExport, signedWith keys: [ExportSigningKey]) throws {
        guard !keys.isEmpty else { throw ExportError.invalidExport("an export needs at least one signing key") }
        var export = export
        export.signatureInfos = keys.map(\.info)
        exportBinary = try export.serialized()
        let binary = exportBinary
        signatures = try keys.map { key in
            Signature(
                info: key.info, batchNumber: export.batchNumber, batchSize: export.batchSize,
                der: try key.privateKey.signature(for: binary).derRepresentation
            )
        }
    }

    /// Reads a zip; the signatures are not yet checked (see ``verifiedExport(with:)``).
    public init(zip: Data) throws {
        let entries = try ZipStructure.entries(of: zip)
        func entry(_ name: String) throws -> Data {
            guard let entry = entries[name] else { throw ExportError.malformedArchive("\(name) is missing") }
            return try ZipStructure.contents(of: entry, in: zip, limit: Self.maximumEntrySize)
        }
        exportBinary = try entry("export.bin")
        let signatureList: GAENTEKSignatureList
        do {
            signatureList = try GAENTEKSignatureList(serializedBytes: try entry("export.sig"))
        } catch let error as ExportError {
            throw error
        } catch {
            throw ExportError.malformedContent("export.sig cannot be parsed")
        }
        signatures = signatureList.signatures.map {
            Signature(
                info: ExportSignatureInfo(message: $0.signatureInfo), batchNumber: Int($0.batchNum), batchSize: Int($0.batchSize),
                der: $0.signature
            )
        }
    }

    /// The zip file: `export.bin` then `export.sig`, stored uncompressed.
    public func zipped(modificationDate: Date = Date(timeIntervalSince1970: 315_532_800)) throws -> Data {
        var list = GAENTEKSignatureList()
        list.signatures = signatures.map { signature in
            var message = GAENTEKSignature()
            message.signatureInfo = signature.info.message
            message.batchNum = Int32(clamping: signature.batchNumber)
            message.batchSize = Int32(clamping: signature.batchSize)
            message.signature = signature.der
            return message
        }
        let signatureBytes = try list.serializedData()
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, bytes) in [("export.bin", exportBinary), ("export.sig", signatureBytes)] {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: modificationDate) {
                position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw ExportError.malformedArchive("the archive could not be written") }
        return data
    }

    /// The export, once a signature made by one of `keys` (matched by id and version) verifies.
    public func verifiedExport(with keys: [ExportVerificationKey]) throws -> ExposureKeyExport {
        let verified = signatures.contains { signature in
            guard let ecdsa = try? P256.Signing.ECDSASignature(derRepresentation: signature.der) else { return false }
            return keys.contains { key in
                key.keyID == signature.info.keyID && key.keyVersion == signature.info.keyVersion
                    && key.publicKey.isValidSignature(ecdsa, for: exportBinary)
            }
        }
        guard verified else { throw ExportError.signatureInvalid }
        return try ExposureKeyExport(serialized: exportBinary)
    }
}
