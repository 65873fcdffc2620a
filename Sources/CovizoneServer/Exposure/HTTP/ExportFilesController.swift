import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// What phones download: `GET /exposure/v1/{region}/index.txt` lists the export files oldest
/// first, as paths relative to `/exposure/v1/` (the layout of GAEN key servers and CDNs), and
/// `GET /exposure/v1/{region}/{file}.zip` serves one. `GET /api/v1/exposure/signing-keys` lists
/// the public keys that verify them.
struct ExportFilesController: Sendable {
    let exposure: ExposureService

    struct SigningKey: Encodable {
        var keyID: String
        var keyVersion: String
        var algorithm = "ECDSA P-256 SHA-256"
        var publicKey: String
        var createdAt: Date
        var retiresAt: Date?
        var active: Bool
    }

    struct SigningKeys: ResponseEncodable {
        var keys: [SigningKey]
    }

    func addRoutes(files router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("exposure/v1/:region/index.txt") { _, context in
            let region = try context.parameters.require("region")
            let lines = try await exposure.exportFileNames(region: region).map { "\(region)/\($0)\n" }.joined()
            return Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "public, max-age=300"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: lines))
            )
        }
        router.get("exposure/v1/:region/:file") { _, context in
            let content = try await exposure.exportFile(region: try context.parameters.require("region"), name: try context.parameters.require("file"))
            return Response(
                status: .ok, headers: [.contentType: "application/zip", .cacheControl: "public, max-age=86400, immutable"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: content))
            )
        }
        api.get("exposure/signing-keys") { _, _ -> EditedResponse<SigningKeys> in
            let keys = try await exposure.exportSigningKeys().map { stored, active in
                SigningKey(
                    keyID: stored.keyID, keyVersion: stored.keyVersion, publicKey: stored.publicKeyPEM, createdAt: stored.createdAt, retiresAt: stored.retiresAt,
                    active: active
                )
            }
            return EditedResponse(headers: [.cacheControl: "public, max-age=300"], response: SigningKeys(keys: keys))
        }
    }
}
