import LookoutRateLimit

/// The `rate_limit` section of `lookout serve`'s settings, named as in the seed system:
///
/// ```json
/// {"rate_limit": {"requests_per_minute": 60, "enable_per_ip": true, "enable_per_endpoint": true,
///                 "endpoint_limits": {"/api/v1/klines": 30}, "global_requests_per_minute": 1000,
///                 "adaptive": true, "algorithm": "sliding-window", "sub_windows": 8,
///                 "excluded_paths": ["/metrics", "/api/v1/health"], "backend": "memory",
///                 "on_backend_failure": "fallback-memory", "trusted_proxies": ["10.0.0.0/8"]}}
/// ```
///
/// Rate limiting is off unless the section, `--rate-limit N` or
/// `LOOKOUT_RATE_LIMIT_REQUESTS_PER_MINUTE` is given; `N` sets `requests_per_minute`
/// (flag over environment over file), and `0` turns limiting off.
struct RateLimitSettings: Sendable, Equatable {
    /// What to do when the shared backend fails.
    enum FailureMode: String, Sendable, Equatable {
        /// Decide in local memory with the same policies (per instance).
        case fallbackMemory = "fallback-memory"
        /// Admit every request.
        case failOpen = "fail-open"
    }

    /// Per-client (and default per-endpoint) limit per minute.
    var requestsPerMinute = 60
    /// Whether the `per-ip` policy applies.
    var enablePerIP = true
    /// Whether the `per-endpoint` policy applies (per client and route template).
    var enablePerEndpoint = false
    /// Per-route limits per minute for `per-endpoint`, by route template.
    var endpointLimits: [String: Int] = [:]
    /// The `global` policy's limit per minute, if any.
    var globalRequestsPerMinute: Int?
    /// Whether limits shrink under pressure (AIMD).
    var adaptive = false
    /// How requests are counted.
    var algorithm = RateLimitAlgorithm.slidingWindow
    /// How many counters the sliding window splits each window into (1, 2, 4 or 8; see
    /// `RateLimit.subWindows`); `nil` is the default (8). Only for the sliding window.
    var subWindows: Int?
    /// Paths never limited.
    var excludedPaths = RateLimitMiddleware.defaultExcludedPaths.sorted()
    /// `memory`, or a Redis URL (`redis://`, `redis+sentinel://`, `redis+cluster://`).
    var backend = "memory"
    /// What to do when Redis fails.
    var onBackendFailure = FailureMode.fallbackMemory
    /// Proxies whose `Forwarded` / `X-Forwarded-For` headers are believed.
    var trustedProxies: [String] = []

    /// The flag setting `requests_per_minute`.
    static let flag = "rate-limit"
    /// The environment variable setting `requests_per_minute`.
    static let environmentVariable = "LOOKOUT_RATE_LIMIT_REQUESTS_PER_MINUTE"
    /// The config file key.
    static let key = "rate_limit"

    /// The policies these settings describe.
    ///
    /// - Throws: ``RateLimitConfigurationError`` if none is enabled.
    func policies() throws(RateLimitConfigurationError) -> [RateLimitPolicy] {
        func perMinute(_ count: Int) throws(RateLimitConfigurationError) -> RateLimit {
            try RateLimit(limit: count, window: .seconds(60), algorithm: algorithm, subWindows: subWindows ?? RateLimit.defaultSubWindows)
        }
        var policies: [RateLimitPolicy] = []
        if enablePerIP { policies.append(.perClientAddress(try perMinute(requestsPerMinute), adaptive: adaptive)) }
        if enablePerEndpoint {
            var routes: [String: RateLimit] = [:]
            for (route, limit) in endpointLimits { routes[route] = try perMinute(limit) }
            policies.append(.perEndpoint(default: try perMinute(requestsPerMinute), routes: routes, adaptive: adaptive))
        }
        if let globalRequestsPerMinute { policies.append(.global(try perMinute(globalRequestsPerMinute), adaptive: adaptive)) }
        guard !policies.isEmpty else {
            throw RateLimitConfigurationError("rate_limit enables no policy: set enable_per_ip, enable_per_endpoint or global_requests_per_minute")
        }
        return policies
    }

    /// The client-address resolver for ``trustedProxies`` (already validated).
    func resolver() throws(RateLimitConfigurationError) -> ClientAddressResolver {
        var networks: [CIDR] = []
        for text in trustedProxies { networks.append(try CIDR(text)) }
        return ClientAddressResolver(trustedProxies: networks)
    }
}
