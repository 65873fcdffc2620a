import Crypto
import Foundation

/// A health authority's P-256 key that signs export files, with the id and version phones know it by.
public struct ExportSigningKey: Sendable {
    public var info: ExportSignatureInfo
    public var privateKey: P256.Signing.PrivateKey

    public init(info: ExportSignatureInfo, privateKey: P256.Signing.PrivateKey) {
        self.info = info
        self.privateKey = privateKey
    }

    /// The public half, for phones and for verification.
    public var verificationKey: ExportVerificationKey {
        ExportVerificationKey(keyID: info.keyID, keyVersion: info.keyVersion, publicKey: privateKey.publicKey)
    }
}

/// A public key that export signatures are checked against.
public struct ExportVerificationKey: Sendable {
    public var keyID: String
    public var keyVersion: String
    public var publicKey: P256.Signing.PublicKey

    public init(keyID: String, keyVersion: String, publicKey: P256.Signing.PublicKey) {
        self.keyID = keyID
        self.keyVersion = keyVersion
        self.publicKey = publicKey
    }

    /// Reads a PEM (`-----BEGIN PUBLIC KEY-----`) or base64 DER SubjectPublicKeyInfo.
    public init(keyID: String, keyVersion: String, encoded: String) throws {
        let text = encoded.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            if text.hasPrefix("-----BEGIN") {
                publicKey = try P256.Signing.PublicKey(pemRepresentation: text)
            } else if let der = Data(base64Encoded: text) {
                publicKey = try P256.Signing.PublicKey(derRepresentation: der)
            } else {
                throw ExportError.malformedContent("the public key is neither PEM nor base64 DER")
            }
        } catch let error as ExportError {
            throw error
        } catch {
            throw ExportError.malformedContent("the public key is not a P-256 key")
        }
        self.keyID = keyID
        self.keyVersion = keyVersion
    }
}
