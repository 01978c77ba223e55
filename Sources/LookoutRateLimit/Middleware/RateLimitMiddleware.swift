import LookoutHTTP

/// HTTP middleware that applies a ``RateLimiter`` to every request outside the excluded
/// paths, answers denials with `429` and sends the IETF rate-limit headers.
///
/// ```swift
/// let limiter = try RateLimiter(policies: [.perClientAddress(try .perMinute(60))],
///                               backend: MemoryRateLimitBackend())
/// router.use(RateLimitMiddleware(limiter: limiter))
/// ```
///
/// Every request counts, including those that match no route (their route is
/// `unmatched`), except those whose path is in ``excludedPaths`` (by default the metrics
/// and health endpoints, so scrapers and probes are never limited). Admitted responses get
/// `RateLimit-Policy` and `RateLimit`; a denial is an `application/problem+json` `429`
/// with those headers, `Retry-After` (whole seconds, at least 1), a `detail` naming the
/// policy and a `violated-policies` member listing them (comma-separated).
///
/// With the in-memory backend it decides inline on the event loop; with a backend that
/// waits (Redis) it answers with a deferred result. When the limiter has an
/// ``AdaptiveController``, the middleware reports in-flight requests and their durations
/// to it. Add it after access logging and metrics, so limited requests are still logged.
public struct RateLimitMiddleware: HTTPMiddleware {
    /// The paths never limited by default: `/metrics`, `/api/v1/health`,
    /// `/api/v1/health/metrics`, `/api/v1/health/ready`.
    public static let defaultExcludedPaths: Set<String> = ["/metrics", "/api/v1/health", "/api/v1/health/metrics", "/api/v1/health/ready"]

    /// The problem type URI of a `429`.
    public static let problemType = "https://github.com/lookout-swift/lookout/blob/main/README.md#rate-limiting"

    /// What the middleware holds, behind one reference: the server calls middleware
    /// through an existential, and copying one reference per request costs one retain
    /// where copying the fields would cost one per array, set and class.
    private final class Configuration: Sendable {
        let limiter: RateLimiter
        let resolver: ClientAddressResolver
        let excludedPaths: Set<String>
        /// The byte lengths of `excludedPaths`: most paths are ruled out without hashing.
        let excludedLengths: [Int]

        init(limiter: RateLimiter, resolver: ClientAddressResolver, excludedPaths: Set<String>) {
            self.limiter = limiter
            self.resolver = resolver
            self.excludedPaths = excludedPaths
            excludedLengths = Array(Set(excludedPaths.map(\.utf8.count))).sorted()
        }
    }

    private let configuration: Configuration

    /// The limiter applied.
    public var limiter: RateLimiter { configuration.limiter }
    /// How the client's address is found.
    public var resolver: ClientAddressResolver { configuration.resolver }
    /// Paths (exact, as received) that are never limited.
    public var excludedPaths: Set<String> { configuration.excludedPaths }

    /// Middleware applying `limiter`.
    public init(limiter: RateLimiter, resolver: ClientAddressResolver = ClientAddressResolver(),
                excludedPaths: Set<String> = RateLimitMiddleware.defaultExcludedPaths)
    {
        configuration = Configuration(limiter: limiter, resolver: resolver, excludedPaths: excludedPaths)
    }

    /// Limits `request`, then passes it on or answers `429`.
    public func handle(_ request: HTTPRequest, context: HTTPRequestContext, next: HTTPNext) throws -> HTTPResult {
        let configuration = self.configuration
        let limiter = configuration.limiter
        let length = request.path.utf8.count
        if configuration.excludedLengths.contains(length), configuration.excludedPaths.contains(request.path) { return next(request, context) }
        let subject = RateLimitRequest(
            clientAddress: configuration.resolver.resolve(peer: context.remoteAddress, headers: request.headers),
            route: context.route, clientKey: limiter.clientKeyHeader.flatMap { request.headers[$0] })
        if let outcome = limiter.checkNow(subject) {
            return respond(outcome, request, context, next)
        }
        return .deferred {
            let outcome = await limiter.check(subject)
            return await respond(outcome, request, context, next).response
        }
    }

    private func respond(_ outcome: RateLimitOutcome, _ request: HTTPRequest, _ context: HTTPRequestContext, _ next: HTTPNext) -> HTTPResult {
        guard outcome.isAllowed else { return .response(Self.denial(outcome)) }
        guard let adaptive = limiter.adaptive else {
            if outcome.isEmpty { return next(request, context) }
            var result = next(request, context)
            // A ready response gets its headers in place: no copy of its header list, no
            // closure capturing the outcome.
            if result.modifyReadyResponse({ RateLimitHeaders.apply(outcome, to: &$0.headers) }) { return result }
            return result.map { response in
                var response = response
                RateLimitHeaders.apply(outcome, to: &response.headers)
                return response
            }
        }
        adaptive.requestStarted()
        let start = ContinuousClock.now
        return next(request, context).map { response in
            let elapsed = (ContinuousClock.now - start).components
            adaptive.requestFinished(durationMicroseconds: elapsed.seconds * 1_000_000 + elapsed.attoseconds / 1_000_000_000_000)
            var response = response
            RateLimitHeaders.apply(outcome, to: &response.headers)
            return response
        }
    }

    /// The `429` problem response for a denied `outcome`.
    public static func denial(_ outcome: RateLimitOutcome) -> HTTPResponse {
        let violated = outcome.violatedPolicies
        var detail = "rate limit exceeded"
        if let entry = outcome.mostRestrictive {
            detail = "policy '\(entry.policy)' allows \(entry.limit.limit) requests per \(entry.limit.windowSeconds) s; retry in \(entry.decision.retryAfterSeconds) s"
        }
        let problem = ProblemDetails(status: .tooManyRequests, detail: detail, type: problemType,
                                     extensions: ["violated-policies": violated.joined(separator: ",")])
        var headers = HTTPHeaders()
        RateLimitHeaders.apply(outcome, to: &headers)
        return .problem(problem, headers: headers)
    }
}
