import CovizoneStore
import Foundation
import Hummingbird
import NIOCore
import Prometheus

/// `/healthz`, `/readyz`, `/metrics` and the OpenAPI document at `/api/openapi.yaml`.
struct OperationsController: Sendable {
    let database: Database
    let metrics: PrometheusCollectorRegistry
    let openAPIDocument: ByteBuffer

    struct Status: ResponseEncodable {
        var status: String
        var database: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("healthz") { _, _ in Status(status: "ok") }
        router.get("readyz", use: ready)
        router.get("metrics", use: metricsText)
        router.get("api/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: openAPIDocument))
        }
    }

    @Sendable func ready(_ request: Request, context: AppRequestContext) async throws -> Status {
        guard await database.isReachable() else {
            throw APIError(.serviceUnavailable, "The database is not reachable.")
        }
        return Status(status: "ready", database: database.engine.rawValue)
    }

    @Sendable func metricsText(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer()))
        )
    }
}
