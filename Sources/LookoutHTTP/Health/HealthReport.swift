/// A snapshot of a service's health, and its JSON encodings.
///
/// ``json`` (served at `/api/v1/health`), members in this order, components sorted by name:
/// ```json
/// {"status":"degraded","version":"1.4.0","uptime_seconds":3600,
///  "components":{"bybit":{"status":"degraded","detail":"rate limited"},"redis":{"status":"ok"}}}
/// ```
/// ``readinessJSON`` (served at `/api/v1/health/ready`):
/// ```json
/// {"ready":true,"phase":"serving","status":"degraded"}
/// ```
public struct HealthReport: Sendable, Hashable {
    /// One component's health in a report.
    public struct Component: Sendable, Hashable {
        /// The component's name.
        public let name: String
        /// Its health when the report was made.
        public let health: ComponentHealth

        /// A component entry.
        public init(name: String, health: ComponentHealth) {
            self.name = name
            self.health = health
        }
    }

    /// The service's lifecycle phase.
    public let phase: HealthMonitor.Phase
    /// The service's version.
    public let version: String
    /// Whole seconds since the monitor was created.
    public let uptimeSeconds: Int
    /// The components, sorted by name.
    public let components: [Component]

    /// A report with the given parts (components are sorted by name).
    public init(phase: HealthMonitor.Phase, version: String, uptimeSeconds: Int, components: [Component]) {
        self.phase = phase
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.components = components.sorted { $0.name < $1.name }
    }

    /// The worst status of any component; ``HealthStatus/ok`` when there are none.
    public var status: HealthStatus {
        components.map(\.health.status).max() ?? .ok
    }

    /// Whether the service should receive traffic: serving and not down.
    public var isReady: Bool { phase == .serving && status != .down }

    /// The health document, compact JSON with members in a fixed order.
    public var json: [UInt8] {
        var writer = JSONObjectWriter()
        writer.beginObject()
        writer.member("status", string: status.rawValue)
        writer.member("version", string: version)
        writer.member("uptime_seconds", integer: uptimeSeconds)
        writer.member("components") { writer in
            for component in components {
                writer.member(component.name) { writer in
                    writer.member("status", string: component.health.status.rawValue)
                    if let detail = component.health.detail { writer.member("detail", string: detail) }
                }
            }
        }
        writer.endObject()
        return writer.bytes
    }

    /// The readiness document, compact JSON with members in a fixed order.
    public var readinessJSON: [UInt8] {
        var writer = JSONObjectWriter()
        writer.beginObject()
        writer.member("ready", bool: isReady)
        writer.member("phase", string: phase.rawValue)
        writer.member("status", string: status.rawValue)
        writer.endObject()
        return writer.bytes
    }
}
