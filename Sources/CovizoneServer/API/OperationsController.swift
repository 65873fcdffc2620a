import CovizoneStore
import Foundation
import Hummingbird
import NIOCore
import Prometheus

/// `/healthz`, `/readyz`, `/metrics` (unless it has its own address, ``addMetricsRoute(to:)``)
/// and the OpenAPI document at `/api/openapi.yaml`.
struct OperationsController: Sendable {
    let database: Database
    let metrics: PrometheusCollectorRegistry
    let openAPIDocument: ByteBuffer

    struct Status: ResponseEncodable {
        var status: String
        var database: String?
    }

    func addRoutes(to router: Router<AppRequestContext>, servesMetrics: Bool) {
        router.get("healthz") { _, _ in Status(status: "ok") }
        router.get("readyz", use: ready)
        if servesMetrics { addMetricsRoute(to: router) }
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

    /// `/metrics` on `router` (the public one, or the metrics address's own).
    func addMetricsRoute(to router: Router<AppRequestContext>) {
        router.get("metrics", use: metricsText)
    }

    @Sendable func metricsText(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer()))
        )
    }
}
