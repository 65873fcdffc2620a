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
    let receipts: DeliveryReceiptService

    struct Receipt: Decodable {
        var idempotencyKey: String
        var status: String
        var error: String?
    }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.post("messaging/http-receipts/:provider") { request, context -> Response in
            let token = request.headers[HTTPField.Name("X-Covizone-Callback-Token")!]
            let provider = try receipts.provider(named: try context.parameters.require("provider"), token: token)
            let receipt = try await request.decodeJSON(as: Receipt.self, context: context)
            guard let outcome = DeliveryReceiptService.Outcome(rawValue: receipt.status) else {
                throw ValidationFailure([FieldError(field: "status", message: "must be delivered or failed")])
            }
            try await receipts.apply(from: provider, key: receipt.idempotencyKey, outcome: outcome, error: receipt.error)
            return Response(status: .noContent)
        }
    }
}
