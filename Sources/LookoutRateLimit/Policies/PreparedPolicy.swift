/// A ``RateLimitPolicy`` with what every request needs computed once: its limits paired
/// with their rendered `RateLimit-Policy` items, and its key prefix.
struct PreparedPolicy: Sendable {
    /// A limit and its `RateLimit-Policy` item (`"per-ip";q=60;w=60`).
    struct Limited: Sendable {
        let limit: RateLimit
        let field: String

        init(_ name: String, _ limit: RateLimit) {
            self.limit = limit
            field = RateLimitHeaders.policyItem(name, limit)
        }
    }

    let name: String
    let scope: RateLimitPolicy.Scope
    let isAdaptive: Bool
    private let limit: Limited?
    private let routes: [String: Limited]
    /// `name:`, the start of every key but the global one.
    private let keyPrefix: String

    init(_ policy: RateLimitPolicy) {
        name = policy.name
        scope = policy.scope
        isAdaptive = policy.isAdaptive
        limit = policy.limit.map { Limited(policy.name, $0) }
        if case .endpoint(let routes) = policy.scope {
            self.routes = routes.mapValues { Limited(policy.name, $0) }
        } else {
            routes = [:]
        }
        keyPrefix = policy.name + ":"
    }

    /// The state key and limit for `request`, or `nil` when this policy does not apply to
    /// it. The same keys as ``RateLimitPolicy/resolve(_:)``.
    func resolve(_ request: RateLimitRequest) -> (key: String, limit: Limited)? {
        switch scope {
        case .clientAddress:
            guard let limit else { return nil }
            return (keyPrefix + request.clientAddress, limit)
        case .endpoint:
            guard let limit = routes[request.route] ?? limit else { return nil }
            return (keyPrefix + request.route + ":" + request.clientAddress, limit)
        case .clientKey:
            guard let limit, let value = request.clientKey, !value.isEmpty else { return nil }
            return (keyPrefix + RateLimitPolicy.boundedKey(value), limit)
        case .global:
            guard let limit else { return nil }
            return (name, limit)
        }
    }
}
