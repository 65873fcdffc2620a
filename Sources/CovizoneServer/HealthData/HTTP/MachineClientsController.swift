import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird
import NIOCore

/// Machine credentials: `POST /api/v1/auth/client-token` (OAuth 2.0 client credentials, RFC 6749
/// §4.4: form-encoded `grant_type=client_credentials` with the client's id and secret in the body
/// or HTTP Basic; JSON accepted too) → 200 `{access_token, token_type, expires_in}`, errors as
/// RFC 6749 §5.2 `{error, error_description}`; and for province officers `POST/GET
/// /api/v1/health/facilities/{accountId}/clients`, `POST /api/v1/health/clients/{clientId}/rotate`,
/// `DELETE /api/v1/health/clients/{clientId}`.
struct MachineClientsController: Sendable {
    let clients: MachineClientService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("auth/client-token", use: token)
        group.post("health/facilities/:accountId/clients", use: create)
        group.get("health/facilities/:accountId/clients", use: list)
        group.post("health/clients/:clientId/rotate", use: rotate)
        group.delete("health/clients/:clientId", use: revoke)
    }

    /// The token request's fields.
    struct TokenRequest: Decodable {
        var grant_type: String?
        var client_id: String?
        var client_secret: String?
    }

    @Sendable func token(_ request: Request, context: AppRequestContext) async throws -> Response {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        var fields: [String: String]
        if contentType.contains("json") {
            let body = try? await request.decodeJSON(as: TokenRequest.self, context: context, limit: 4_096)
            fields = ["grant_type": body?.grant_type, "client_id": body?.client_id, "client_secret": body?.client_secret].compactMapValues { $0 }
        } else {
            guard let form = try? await request.formFields(limit: 4_096) else { return Self.oauthError(.badRequest, "invalid_request", "The body is not form-encoded.") }
            fields = form
        }
        var usedBasic = false
        if let (id, secret) = Self.basicCredentials(request) {
            guard fields["client_secret"] == nil else { return Self.oauthError(.badRequest, "invalid_request", "Send the client's credentials one way only.") }
            (fields["client_id"], fields["client_secret"], usedBasic) = (id, secret, true)
        }
        guard fields["grant_type"] == "client_credentials" else {
            return Self.oauthError(.badRequest, fields["grant_type"] == nil ? "invalid_request" : "unsupported_grant_type", "grant_type is client_credentials.")
        }
        guard let id = fields["client_id"], let secret = fields["client_secret"], !id.isEmpty, !secret.isEmpty, id.count <= 100, secret.count <= 200 else {
            return Self.oauthError(.badRequest, "invalid_request", "client_id and client_secret are required.")
        }
        do {
            let issued = try await clients.token(clientID: id, secret: secret, from: context.remoteAddress, requestID: context.requestID)
            return try Self.json(TokenResponse(access_token: issued.value, token_type: "Bearer", expires_in: issued.expiresIn), status: .ok)
        } catch MachineClientService.Refusal.invalidClient {
            var response = Self.oauthError(.unauthorized, "invalid_client", "The client is unknown, revoked, or its secret is wrong.")
            if usedBasic { response.headers[.wwwAuthenticate] = "Basic realm=\"covizone\"" }
            return response
        } catch MachineClientService.Refusal.throttled(let seconds) {
            var response = Self.oauthError(.tooManyRequests, "invalid_request", "Too many wrong secrets; wait.")
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }

    /// `Authorization: Basic base64(id:secret)`, each part form-encoded (RFC 6749 §2.3.1).
    static func basicCredentials(_ request: Request) -> (String, String)? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)), let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":")
        else { return nil }
        let decode = { (part: Substring) in part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part) }
        return (decode(text[..<colon]), decode(text[text.index(after: colon)...]))
    }

    /// RFC 6749 §5.1's answer (its names, in snake case).
    struct TokenResponse: Encodable {
        var access_token: String
        var token_type: String
        var expires_in: Int
    }

    /// RFC 6749 §5.2's error.
    struct OAuthError: Encodable {
        var error: String
        var error_description: String
    }

    static func oauthError(_ status: HTTPResponse.Status, _ error: String, _ description: String) -> Response {
        (try? json(OAuthError(error: error, error_description: description), status: status)) ?? Response(status: status)
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(value)))
        )
    }

    struct Credentials: ResponseEncodable {
        var clientId: String
        /// Shown once.
        var clientSecret: String
        var createdAt: Date
    }

    struct ClientItem: Encodable, Sendable {
        var clientId: String
        var createdBy: String
        var createdAt: Date
        var rotatedAt: Date?
        var revokedAt: Date?
        var lastUsedAt: Date?
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Credentials> {
        let principal = try context.authorize(MachineClientService.managers)
        let issued = try await clients.create(forAccount: try context.pathID("accountId", of: "Account"), by: principal, caller: context.caller)
        return EditedResponse(status: .created, response: Credentials(clientId: issued.clientID, clientSecret: issued.secret, createdAt: issued.record.createdAt))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<ClientItem> {
        let principal = try context.authorize(MachineClientService.managers)
        let found = try await clients.list(forAccount: try context.pathID("accountId", of: "Account"), by: principal).map {
            ClientItem(clientId: $0.clientID, createdBy: $0.createdBy, createdAt: $0.createdAt, rotatedAt: $0.rotatedAt, revokedAt: $0.revokedAt, lastUsedAt: $0.lastUsedAt)
        }
        return Page(fetched: found, limit: found.count, id: { _ in 0 })
    }

    @Sendable func rotate(_ request: Request, context: AppRequestContext) async throws -> Credentials {
        let principal = try context.authorize(MachineClientService.managers)
        let clientID = context.parameters.get("clientId") ?? ""
        let issued = try await clients.rotate(clientID: clientID, by: principal, caller: context.caller)
        return Credentials(clientId: issued.clientID, clientSecret: issued.secret, createdAt: issued.record.createdAt)
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.authorize(MachineClientService.managers)
        try await clients.revoke(clientID: context.parameters.get("clientId") ?? "", by: principal, caller: context.caller)
        return .noContent
    }
}
