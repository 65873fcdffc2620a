import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird

/// `POST /api/v1/messaging/http-receipts/{provider}`: a notification service tells what became of
/// a message, `{"idempotencyKey", "status": "delivered" | "failed", "error"?}`, with the
/// provider's callback token in `X-Covizone-Callback-Token`. Answers 204; 401 for a wrong token,
/// 404 for a provider without callbacks or a key no message was sent with.
struct HTTPReceiptsController: Sendable {
    let environment: AppEnvironment

    struct Receipt: Decodable {
        var idempotencyKey: String
        var status: String
        var error: String?
    }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.post("messaging/http-receipts/:provider") { request, context -> Response in
            let name = try context.parameters.require("provider")
            guard let provider = environment.configuration.messaging.httpProviders.first(where: { $0.name == name }),
                let expected = provider.callbackToken
            else { throw APIError.notFound("No HTTP provider \(name) takes callbacks here.") }
            guard let token = request.headers[HTTPField.Name("X-Covizone-Callback-Token")!], SecretToken.constantTimeEquals(token, expected) else {
                throw APIError(.unauthorized, "Send the provider's callback token in X-Covizone-Callback-Token.")
            }
            let receipt = try await request.decodeJSON(as: Receipt.self, context: context)
            guard ["delivered", "failed"].contains(receipt.status) else {
                throw APIError.invalid([FieldError(field: "status", message: "must be delivered or failed")])
            }
            let applied = try await OutboundQueueRepository(database: environment.database).applyReceipt(
                smsc: provider.smscName, smscID: receipt.idempotencyKey, state: receipt.status == "delivered" ? "DELIVRD" : "UNDELIV",
                error: receipt.error.map { String($0.prefix(200)) }, at: environment.clock.now
            )
            guard applied else { throw APIError.notFound("No message was sent with the key \(receipt.idempotencyKey).") }
            return Response(status: .noContent)
        }
    }
}
