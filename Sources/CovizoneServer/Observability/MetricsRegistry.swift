import Metrics
import Prometheus

/// The process-wide Prometheus registry behind swift-metrics, bootstrapped on first use.
/// swift-metrics allows one bootstrap per process, so every application in the process shares it.
enum MetricsRegistry {
    static let shared: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
