import LookoutHTTP
import Testing
@testable import LookoutRateLimit

@Suite("RateLimit-Policy and RateLimit header values for several policies")
struct RateLimitHeadersTests {
    static let start: Int64 = 1_000 * 60_000_000 + 15_000_000

    @Test func listsEveryPolicyAndNamesTheMostRestrictive() throws {
        let clock = ManualRateLimitClock(microseconds: Self.start)
        let limiter = try RateLimiter(
            policies: [.global(try .perMinute(5)), .perClientAddress(try RateLimit(limit: 3, window: .seconds(10), algorithm: .gcra))],
            backend: MemoryRateLimitBackend(clock: .manual(clock)))
        let request = RateLimitRequest(clientAddress: "192.0.2.1", route: "/")
        var headers = HTTPHeaders()
        RateLimitHeaders.apply(try #require(limiter.checkNow(request)), to: &headers)
        #expect(headers == ["RateLimit-Policy": #""per-ip";q=3;w=10, "global";q=5;w=60"#, "RateLimit": #""per-ip";r=2;t=4"#])
        _ = limiter.checkNow(request)
        _ = limiter.checkNow(request)
        var denied = HTTPHeaders()
        let outcome = try #require(limiter.checkNow(request))
        RateLimitHeaders.apply(outcome, to: &denied)
        // GCRA: 3 per 10 s is one per 3.333 s; the burst of 3 is spent.
        #expect(denied == ["RateLimit-Policy": #""per-ip";q=3;w=10"#, "RateLimit": #""per-ip";r=0;t=10"#, "Retry-After": "4"])
        let response = RateLimitMiddleware.denial(outcome)
        #expect(response.status == .tooManyRequests)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"type":"https://github.com/lookout-swift/lookout/blob/main/README.md#rate-limiting","title":"Too Many Requests","status":429,"detail":"policy 'per-ip' allows 3 requests per 10 s; retry in 4 s","violated-policies":"per-ip"}"#)
    }

    @Test func noHeadersWhenNoPolicyApplied() {
        var headers = HTTPHeaders()
        RateLimitHeaders.apply(RateLimitOutcome(), to: &headers)
        #expect(headers.isEmpty)
    }
}
