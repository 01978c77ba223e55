/// One named limit and what it counts per: the client's address, the client and the
/// route, a client key header, or everything together.
///
/// ```swift
/// let policies = [
///     RateLimitPolicy.perClientAddress(try .perMinute(60)),
///     RateLimitPolicy.perEndpoint(default: try .perMinute(60), routes: ["/api/v1/klines": try .perMinute(30)]),
///     RateLimitPolicy.global(try .perMinute(1000)),
/// ]
/// ```
///
/// The ``name`` appears in the `RateLimit-Policy` and `RateLimit` headers, in problem
/// responses and as a metric label, so it must be a short token (`[a-z0-9-]`, 1 to 32
/// characters). A value type; `Sendable`.
public struct RateLimitPolicy: Sendable, Hashable {
    /// What a policy counts per.
    public enum Scope: Sendable, Hashable {
        /// One counter per client address (see ``ClientAddressResolver``).
        case clientAddress
        /// One counter per client address and route template. Routes in `routes` use
        /// their own limit; others use the policy's ``RateLimitPolicy/limit``, or are not
        /// limited by this policy when it is `nil`.
        case endpoint(routes: [String: RateLimit])
        /// One counter per value of the request header `header` (an API key, say);
        /// requests without it are not limited by this policy. Values longer than 128
        /// bytes are hashed first.
        case clientKey(header: String)
        /// One counter for every request.
        case global
    }

    /// The policy's name, for example `per-ip`.
    public let name: String
    /// What it counts per.
    public let scope: Scope
    /// The limit, or for ``Scope/endpoint(routes:)`` the limit of routes not listed
    /// (`nil`: they are not limited by this policy).
    public let limit: RateLimit?
    /// Whether the adaptive controller may lower this policy's limit under pressure.
    public let isAdaptive: Bool

    /// A policy named `name`.
    ///
    /// - Throws: ``RateLimitConfigurationError`` if the name is not a 1 to 32 character
    ///   token of lower-case letters, digits and `-`, or a scope without per-route
    ///   limits has no limit.
    public init(name: String, scope: Scope, limit: RateLimit?, adaptive: Bool = false) throws(RateLimitConfigurationError) {
        guard (1...32).contains(name.utf8.count),
              name.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") })
        else {
            throw RateLimitConfigurationError("policy name '\(name)' must be 1 to 32 characters from a-z, 0-9 and '-'")
        }
        if case .endpoint = scope {} else if limit == nil {
            throw RateLimitConfigurationError("policy '\(name)' needs a limit")
        }
        if case .clientKey(let header) = scope, header.isEmpty || header.contains(where: { $0 == ":" || $0 == " " }) {
            throw RateLimitConfigurationError("policy '\(name)': '\(header)' is not a header name")
        }
        self.name = name
        self.scope = scope
        self.limit = limit
        isAdaptive = adaptive
    }

    /// `per-ip`: `limit` per client address.
    public static func perClientAddress(_ limit: RateLimit, adaptive: Bool = false) -> RateLimitPolicy {
        RateLimitPolicy(checkedName: "per-ip", scope: .clientAddress, limit: limit, adaptive: adaptive)
    }

    /// `per-endpoint`: per client address and route, `routes` overriding `default`.
    public static func perEndpoint(default limit: RateLimit?, routes: [String: RateLimit], adaptive: Bool = false) -> RateLimitPolicy {
        RateLimitPolicy(checkedName: "per-endpoint", scope: .endpoint(routes: routes), limit: limit, adaptive: adaptive)
    }

    /// `per-client-key`: `limit` per value of `header`.
    public static func perClientKey(header: String, _ limit: RateLimit, adaptive: Bool = false) -> RateLimitPolicy {
        RateLimitPolicy(checkedName: "per-client-key", scope: .clientKey(header: header), limit: limit, adaptive: adaptive)
    }

    /// `global`: `limit` for all requests together.
    public static func global(_ limit: RateLimit, adaptive: Bool = false) -> RateLimitPolicy {
        RateLimitPolicy(checkedName: "global", scope: .global, limit: limit, adaptive: adaptive)
    }

    private init(checkedName: String, scope: Scope, limit: RateLimit?, adaptive: Bool) {
        name = checkedName
        self.scope = scope
        self.limit = limit
        isAdaptive = adaptive
    }

    /// The limit and the state key for `request`, or `nil` when this policy does not
    /// apply to it.
    func resolve(_ request: RateLimitRequest) -> (key: String, limit: RateLimit)? {
        switch scope {
        case .clientAddress:
            guard let limit else { return nil }
            return ("\(name):\(request.clientAddress)", limit)
        case .endpoint(let routes):
            guard let limit = routes[request.route] ?? limit else { return nil }
            return ("\(name):\(request.route):\(request.clientAddress)", limit)
        case .clientKey:
            guard let limit, let value = request.clientKey, !value.isEmpty else { return nil }
            return ("\(name):\(Self.boundedKey(value))", limit)
        case .global:
            guard let limit else { return nil }
            return (name, limit)
        }
    }

    /// `value`, or a fixed-length hash of it when it is over 128 bytes, so a huge header
    /// cannot make a huge key.
    static func boundedKey(_ value: String) -> String {
        value.utf8.count > 128 ? stableHash(value) : value
    }

    /// A 32-hex-digit digest of `value`, the same in every process (unlike `hashValue`).
    static func stableHash(_ value: String) -> String {
        // FNV-1a, twice with different seeds.
        var first: UInt64 = 0xcbf2_9ce4_8422_2325, second: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in value.utf8 {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return "h-" + String(first, radix: 16) + String(second, radix: 16)
    }
}

/// What the limiter needs to know about a request.
public struct RateLimitRequest: Sendable, Hashable {
    /// The client's address as the ``ClientAddressResolver`` found it (`203.0.113.7`,
    /// `2001:db8:1:2::/64`).
    public var clientAddress: String
    /// The matched route template, or `unmatched`.
    public var route: String
    /// The value of the client-key header, if a ``RateLimitPolicy/Scope/clientKey(header:)``
    /// policy is configured and the request sent it.
    public var clientKey: String?

    /// A request from `clientAddress` to `route`.
    public init(clientAddress: String, route: String, clientKey: String? = nil) {
        self.clientAddress = clientAddress
        self.route = route
        self.clientKey = clientKey
    }
}
