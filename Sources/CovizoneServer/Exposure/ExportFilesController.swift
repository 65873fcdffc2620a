import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// What phones download: `GET /exposure/v1/{region}/index.txt` lists the export files oldest
/// first, as paths relative to `/exposure/v1/` (the layout of GAEN key servers and CDNs), and
/// `GET /exposure/v1/{region}/{file}.zip` serves one. `GET /api/v1/exposure/signing-keys` lists
/// the public keys that verify them.
struct ExportFilesController: Sendable {
    let environment: AppEnvironment
    let keyring: ExposureKeyring

    var exports: ExportRepository { ExportRepository(database: environment.database) }
    var region: String { environment.configuration.exposure.region }

    struct SigningKey: Encodable {
        var keyID: String
        var keyVersion: String
        var algorithm = "ECDSA P-256 SHA-256"
        var publicKey: String
        var createdAt: String
        var retiresAt: String?
        var active: Bool
    }

    struct SigningKeys: ResponseEncodable {
        var keys: [SigningKey]
    }

    func addRoutes(files router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("exposure/v1/:region/index.txt", use: index)
        router.get("exposure/v1/:region/:file", use: file)
        api.get("exposure/signing-keys", use: signingKeys)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let region = try requestedRegion(context)
        let lines = try await exports.fileNames(region: region).map { "\(region)/\($0)\n" }.joined()
        return Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "public, max-age=300"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: lines))
        )
    }

    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let region = try requestedRegion(context)
        let name = try context.parameters.require("file")
        guard name.hasSuffix(".zip"), let content = try await exports.file(region: region, name: name) else {
            throw APIError.notFound("Export file \(name)")
        }
        return Response(
            status: .ok, headers: [.contentType: "application/zip", .cacheControl: "public, max-age=86400, immutable"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: content))
        )
    }

    @Sendable func signingKeys(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<SigningKeys> {
        let now = environment.clock.now
        let formatter = ISO8601DateFormatter()
        let keys = try await keyring.exportKeys().map { stored in
            SigningKey(
                keyID: stored.keyID, keyVersion: stored.keyVersion, publicKey: stored.publicKeyPEM,
                createdAt: formatter.string(from: stored.createdAt), retiresAt: stored.retiresAt.map(formatter.string(from:)),
                active: stored.isActive(at: now)
            )
        }
        return EditedResponse(headers: [.cacheControl: "public, max-age=300"], response: SigningKeys(keys: keys))
    }

    private func requestedRegion(_ context: AppRequestContext) throws -> String {
        let requested = try context.parameters.require("region")
        guard requested == region else { throw APIError.notFound("Region \(requested)") }
        return region
    }
}
