/// The simulator's per-request decision, taken under its lock: banned or not, which faults
/// fire, how long to wait, which rate-limit header values to send.
struct Admission: Sendable {
    /// The request's position in arrival order (1-based).
    var sequence: Int64
    /// Answer 403: the IP is banned (or just got banned by this request).
    var banned = false
    /// The fault replacing the endpoint's answer, if any.
    var replacement: Fault?
    /// Faults modifying the delivery, in rule order.
    var modifiers: [Fault] = []
    /// The latency before headers (without ``Fault/delay(_:)`` modifiers).
    var latency: Duration = .zero
    /// `X-Bapi-*` values when this response should carry them.
    var bapi: (limit: Int, remaining: Int, includeOnRateLimited: Bool)?
}
