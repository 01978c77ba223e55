import Testing
@testable import LookoutRateLimit

@Suite("Policies: per-IP, per-endpoint, per-client-key, global, several at once, adaptive")
struct RateLimiterTests {
    static let start: Int64 = 1_000 * 60_000_000

    private func limiter(_ policies: [RateLimitPolicy], clock: ManualRateLimitClock = ManualRateLimitClock(microseconds: start),
                         adaptive: AdaptiveController? = nil) throws -> RateLimiter {
        try RateLimiter(policies: policies, backend: MemoryRateLimitBackend(clock: .manual(clock)), adaptive: adaptive)
    }

    private func allowed(_ limiter: RateLimiter, _ request: RateLimitRequest) -> Bool {
        limiter.checkNow(request)?.isAllowed ?? false
    }

    private func request(_ ip: String, _ route: String = "/api/v1/klines", key: String? = nil) -> RateLimitRequest {
        RateLimitRequest(clientAddress: ip, route: route, clientKey: key)
    }

    @Test func perIPCountsEachClientSeparately() throws {
        let limiter = try limiter([.perClientAddress(try .perMinute(2))])
        #expect(allowed(limiter, request("a")))
        #expect(allowed(limiter, request("a")))
        #expect(allowed(limiter, request("b")))
        let denied = try #require(limiter.checkNow(request("a")))
        #expect(!denied.isAllowed)
        #expect(denied.violatedPolicies == ["per-ip"])
    }

    @Test func perEndpointUsesRouteLimitsPerClient() throws {
        let limiter = try limiter([.perEndpoint(default: try .perMinute(3), routes: ["/api/v1/klines": try .perMinute(1)])])
        #expect(allowed(limiter, request("a", "/api/v1/klines")))
        #expect(!allowed(limiter, request("a", "/api/v1/klines")))
        #expect(allowed(limiter, request("b", "/api/v1/klines")), "per client")
        for _ in 0..<3 { #expect(allowed(limiter, request("a", "/other"))) }
        #expect(!allowed(limiter, request("a", "/other")))
        let unlisted = try self.limiter([.perEndpoint(default: nil, routes: ["/api/v1/klines": try .perMinute(1)])])
        let outcome = try #require(unlisted.checkNow(request("a", "unmatched")))
        #expect(outcome.isAllowed && outcome.entries.isEmpty, "no default: unlisted routes are not limited by it")
    }

    @Test func perClientKeyAppliesOnlyWhenTheHeaderIsSent() throws {
        let limiter = try limiter([.perClientKey(header: "X-API-Key", try .perMinute(1))])
        #expect(limiter.clientKeyHeader == "X-API-Key")
        #expect(allowed(limiter, request("a", key: "k1")))
        #expect(!allowed(limiter, request("b", key: "k1")), "same key from another address")
        #expect(allowed(limiter, request("a", key: "k2")))
        #expect(try #require(limiter.checkNow(request("a"))).entries.isEmpty)
        #expect(RateLimitPolicy.boundedKey(String(repeating: "x", count: 200)).utf8.count <= 34)
        #expect(RateLimitPolicy.boundedKey("short") == "short")
    }

    @Test func severalPoliciesAllMustAllowAndTheMostRestrictiveDecidesTheHeaders() throws {
        let limiter = try limiter([
            .global(try .perMinute(5)),
            .perClientAddress(try .perMinute(3)),
        ])
        #expect(limiter.policies.map(\.name) == ["per-ip", "global"], "narrow scopes first")
        let first = try #require(limiter.checkNow(request("a")))
        #expect(first.entries.map(\.policy) == ["per-ip", "global"])
        #expect(first.mostRestrictive?.policy == "per-ip", "2 left beats 4 left")
        _ = limiter.checkNow(request("a"))
        _ = limiter.checkNow(request("a"))
        // Client a is over its own limit: denied by per-ip, and global is not even charged.
        let denied = try #require(limiter.checkNow(request("a")))
        #expect(denied.violatedPolicies == ["per-ip"])
        #expect(denied.entries.count == 1)
        let b1 = try #require(limiter.checkNow(request("b")))
        #expect(b1.mostRestrictive?.policy == "global")
        #expect(b1.mostRestrictive?.decision.remaining == 1)
        #expect(allowed(limiter, request("b")))
        let globalDenial = try #require(limiter.checkNow(request("c")))
        #expect(globalDenial.violatedPolicies == ["global"])
        #expect(globalDenial.mostRestrictive?.policy == "global")
    }

    @Test func adaptivePoliciesShrinkUnderPressure() throws {
        let clock = ManualRateLimitClock(microseconds: Self.start)
        let adaptive = AdaptiveController(clock: .manual(clock))
        let limiter = try limiter([.global(try .perMinute(100), adaptive: true), .perClientAddress(try .perMinute(50))],
                                  clock: clock, adaptive: adaptive)
        #expect(limiter.effectiveLimits().map(\.effective) == [50, 100])
        adaptive.reportPressure(.upstreamRateLimited)
        #expect(limiter.effectiveLimits().map(\.effective) == [50, 50])
        let outcome = try #require(limiter.checkNow(request("a")))
        #expect(outcome.entries.map(\.limit.limit) == [50, 50])
        #expect(outcome.entries.last?.decision.limit == 50)
    }

    @Test func rejectsAmbiguousConfigurations() throws {
        let backend = MemoryRateLimitBackend()
        #expect(throws: RateLimitConfigurationError("a rate limiter needs at least one policy")) {
            try RateLimiter(policies: [], backend: backend)
        }
        #expect(throws: RateLimitConfigurationError("two policies are named 'global'; names must be unique")) {
            try RateLimiter(policies: [.global(try .perMinute(1)), .global(try .perMinute(2))], backend: backend)
        }
        #expect(throws: RateLimitConfigurationError("policy name 'Per IP' must be 1 to 32 characters from a-z, 0-9 and '-'")) {
            try RateLimitPolicy(name: "Per IP", scope: .global, limit: try .perMinute(1))
        }
        #expect(throws: RateLimitConfigurationError("policy 'g' needs a limit")) {
            try RateLimitPolicy(name: "g", scope: .global, limit: nil)
        }
    }
}
