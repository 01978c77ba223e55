/// The handlers of the health endpoints over a ``HealthMonitor``.
///
/// - ``healthHandler`` (`GET /api/v1/health`): the ``HealthReport/json`` document; `200`
///   while the service is `ok` or `degraded`, `503` when it is `down`.
/// - ``readinessHandler`` (`GET /api/v1/health/ready`): the ``HealthReport/readinessJSON``
///   document; `200` when ready, `503` while starting, draining or down.
///
/// Both are synchronous (health checks never block), send `Cache-Control: no-store`, and
/// answer `HEAD` too.
public struct HealthEndpoint: Sendable {
    /// The monitor reported.
    public let monitor: HealthMonitor

    /// Endpoints reporting `monitor`.
    public init(monitor: HealthMonitor) {
        self.monitor = monitor
    }

    /// The `/api/v1/health` handler.
    public var healthHandler: HTTPRouter.Handler {
        { _, _ in health() }
    }

    /// The `/api/v1/health/ready` handler.
    public var readinessHandler: HTTPRouter.Handler {
        { _, _ in readiness() }
    }

    /// The health response now.
    public func health() -> HTTPResponse {
        let report = monitor.report()
        return Self.response(report.json, status: report.status == .down ? .serviceUnavailable : .ok)
    }

    /// The readiness response now.
    public func readiness() -> HTTPResponse {
        let report = monitor.report()
        return Self.response(report.readinessJSON, status: report.isReady ? .ok : .serviceUnavailable)
    }

    private static func response(_ body: [UInt8], status: HTTPStatus) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json", "Cache-Control": "no-store"], body: body)
    }
}
