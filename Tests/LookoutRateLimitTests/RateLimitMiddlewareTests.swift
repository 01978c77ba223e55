import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LookoutHTTP
import Testing
@testable import LookoutRateLimit

/// The middleware in a real server on a loopback port, with the limiter's clock injected
/// so every header value is exact.
@Suite("Rate-limit middleware: exact headers, 429 problem, exclusions, forwarding, async backends")
struct RateLimitMiddlewareTests {
    /// A window start: the sliding window's `t` is then exactly 60.
    static let start: Int64 = 1_000 * 60_000_000

    static func withServer(_ middleware: RateLimitMiddleware, _ body: (String) async throws -> Void) async throws {
        var router = HTTPRouter()
        router.get("/items/{id}") { _, _ in .text("item") }
        router.get("/metrics") { _, _ in .text("metrics") }
        router.use(middleware)
        let server = try HTTPServer(configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0, eventLoopCount: 1), router: router)
        try server.start()
        do {
            try await body("http://127.0.0.1:\(server.port ?? 0)")
        } catch {
            await server.shutdown(gracePeriod: .seconds(1))
            throw error
        }
        await server.shutdown(gracePeriod: .seconds(1))
    }

    static func get(_ url: String, headers: [String: String] = [:]) async throws -> (status: Int, body: String, headers: [String: String]) {
        var request = URLRequest(url: URL(string: url)!)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields["\(name)".lowercased()] = "\(value)" }
        return (http.statusCode, String(decoding: data, as: UTF8.self), fields)
    }

    static func perIP(_ limit: Int, backend: (any RateLimitBackend)? = nil, resolver: ClientAddressResolver = .init()) throws -> RateLimitMiddleware {
        let clock = ManualRateLimitClock(microseconds: start)
        let limiter = try RateLimiter(policies: [.perClientAddress(try .perMinute(limit))],
                                      backend: backend ?? MemoryRateLimitBackend(clock: .manual(clock)))
        return RateLimitMiddleware(limiter: limiter, resolver: resolver)
    }

    @Test func admitsWithHeadersThenAnswers429WithAProblem() async throws {
        try await Self.withServer(try Self.perIP(3)) { (base: String) async throws in
            for remaining in [2, 1, 0] {
                let response = try await Self.get(base + "/items/1")
                #expect(response.status == 200)
                #expect(response.body == "item")
                #expect(response.headers["ratelimit-policy"] == #""per-ip";q=3;w=60"#)
                #expect(response.headers["ratelimit"] == "\"per-ip\";r=\(remaining);t=60")
                #expect(response.headers["retry-after"] == nil)
            }
            let denied = try await Self.get(base + "/items/2")
            #expect(denied.status == 429)
            #expect(denied.headers["content-type"] == "application/problem+json")
            // Full at the window start: the three leave with their 7.5 s sub-window, weighed
            // down linearly over it, so the next one fits 62.5 s later (an exact log: 60 s;
            // one sub-window: 80 s).
            #expect(denied.headers["retry-after"] == "63")
            #expect(denied.headers["ratelimit-policy"] == #""per-ip";q=3;w=60"#)
            #expect(denied.headers["ratelimit"] == #""per-ip";r=0;t=63"#)
            #expect(denied.body == #"{"type":"https://github.com/lookout-swift/lookout/blob/main/README.md#rate-limiting","title":"Too Many Requests","status":429,"detail":"policy 'per-ip' allows 3 requests per 60 s; retry in 63 s","violated-policies":"per-ip"}"#)
        }
    }

    @Test func excludedPathsAreNeverLimitedAndUnknownPathsCount() async throws {
        try await Self.withServer(try Self.perIP(1)) { (base: String) async throws in
            for _ in 0..<3 {
                let metrics = try await Self.get(base + "/metrics")
                #expect(metrics.status == 200)
                #expect(metrics.headers["ratelimit"] == nil)
            }
            let unknown = try await Self.get(base + "/nope")
            #expect(unknown.status == 404)
            #expect(unknown.headers["ratelimit"] == #""per-ip";r=0;t=60"#)
            #expect(try await Self.get(base + "/items/1").status == 429)
        }
        #expect(RateLimitMiddleware.defaultExcludedPaths == ["/metrics", "/api/v1/health", "/api/v1/health/metrics", "/api/v1/health/ready"])
    }

    @Test func aSpoofedForwardedForIsIgnoredUnlessThePeerIsTrusted() async throws {
        try await Self.withServer(try Self.perIP(1)) { (base: String) async throws in
            #expect(try await Self.get(base + "/items/1", headers: ["X-Forwarded-For": "198.51.100.1"]).status == 200)
            #expect(try await Self.get(base + "/items/1", headers: ["X-Forwarded-For": "198.51.100.2"]).status == 429,
                    "the loopback peer is not trusted: the header cannot pick a fresh key")
        }
        let trusting = try Self.perIP(1, resolver: ClientAddressResolver(trustedProxies: [try CIDR("127.0.0.0/8")]))
        try await Self.withServer(trusting) { (base: String) async throws in
            #expect(try await Self.get(base + "/items/1", headers: ["X-Forwarded-For": "198.51.100.1"]).status == 200)
            #expect(try await Self.get(base + "/items/1", headers: ["X-Forwarded-For": "198.51.100.2"]).status == 200)
            #expect(try await Self.get(base + "/items/1", headers: ["X-Forwarded-For": "198.51.100.1"]).status == 429)
        }
    }

    @Test func anAsynchronousBackendAnswersTheSame() async throws {
        let clock = ManualRateLimitClock(microseconds: Self.start)
        let backend = AsyncOnlyBackend(inner: MemoryRateLimitBackend(clock: .manual(clock)))
        try await Self.withServer(try Self.perIP(2, backend: backend)) { (base: String) async throws in
            let first = try await Self.get(base + "/items/1")
            #expect(first.status == 200)
            #expect(first.headers["ratelimit"] == #""per-ip";r=1;t=60"#)
            #expect(try await Self.get(base + "/items/1").status == 200)
            let denied = try await Self.get(base + "/items/1")
            #expect(denied.status == 429)
            #expect(denied.headers["retry-after"] == "64", "60 s + half of a 7.5 s sub-window, rounded up")
        }
    }

    @Test func aFailingBackendFailsOpen() async throws {
        try await Self.withServer(try Self.perIP(1, backend: FailingBackend())) { (base: String) async throws in
            for _ in 0..<3 {
                let response = try await Self.get(base + "/items/1")
                #expect(response.status == 200)
                #expect(response.headers["ratelimit"] == nil)
            }
        }
    }
}

/// The memory backend seen only through the async protocol, to exercise deferred answers.
struct AsyncOnlyBackend: RateLimitBackend {
    let inner: MemoryRateLimitBackend
    var name: String { "async-memory" }

    func decide(key: String, limit: RateLimit, cost: Int) async throws(RateLimitBackendError) -> RateLimitDecision {
        await Task.yield()
        return inner.decideNow(key: key, limit: limit, cost: cost)
    }
}

/// A backend that always fails.
struct FailingBackend: RateLimitBackend {
    var name: String { "failing" }

    func decide(key: String, limit: RateLimit, cost: Int) async throws(RateLimitBackendError) -> RateLimitDecision {
        throw RateLimitBackendError(.unavailable, "always down")
    }
}
