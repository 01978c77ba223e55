extension HTTPRouter {
    /// The paths ``addObservabilityRoutes(metrics:health:)`` registers.
    public enum ObservabilityPath {
        /// `/metrics`: the Prometheus scrape endpoint.
        public static let metrics = "/metrics"
        /// `/api/v1/health/metrics`: the same exposition under the API's health prefix.
        public static let healthMetrics = "/api/v1/health/metrics"
        /// `/api/v1/health`: the health document.
        public static let health = "/api/v1/health"
        /// `/api/v1/health/ready`: readiness.
        public static let ready = "/api/v1/health/ready"
    }

    /// Registers the standard observability endpoints: `GET /metrics` and
    /// `GET /api/v1/health/metrics` (the same exposition), `GET /api/v1/health` and
    /// `GET /api/v1/health/ready`. All answer `HEAD` too, and all run inline on the event
    /// loop.
    public mutating func addObservabilityRoutes(metrics: MetricsEndpoint, health: HealthEndpoint) {
        get(ObservabilityPath.metrics, handler: metrics.handler)
        get(ObservabilityPath.healthMetrics, handler: metrics.handler)
        get(ObservabilityPath.health, handler: health.healthHandler)
        get(ObservabilityPath.ready, handler: health.readinessHandler)
    }
}
