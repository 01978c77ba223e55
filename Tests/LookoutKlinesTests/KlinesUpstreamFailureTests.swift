import BybitSimulator
import Foundation
@testable import lookout
import Testing

/// Upstream failures injected in the simulator, as the klines API reports them.
@Suite struct KlinesUpstreamFailureTests {
    static func faults(_ specs: String...) throws -> SimulatorBehavior {
        var faults: [FaultRule] = []
        for spec in specs { faults.append(try FaultRule(spec: spec)) }
        return SimulatorBehavior(faults: faults)
    }

    @Test func anUpstream5xxIs502() async throws {
        try await withKlinesService(try Self.faults("http:500@always")) { base, _ in
            let response = try await get(base + "/api/v1/klines?symbol=BTCUSDT&interval=15")
            #expect(response.status == 502)
            #expect(response.headers["content-type"] == "application/problem+json")
            #expect(response.body.contains(#""upstream_error":"serverBusy""#))
        }
    }

    @Test func upstreamRateLimitingIs503WithRetryAfter() async throws {
        try await withKlinesService(try Self.faults("10006@always")) { base, _ in
            let response = try await get(base + "/api/v1/klines?symbol=BTCUSDT&interval=15")
            #expect(response.status == 503)
            #expect(Int(response.headers["retry-after"] ?? "") ?? 0 >= 1)
        }
    }

    @Test func anIPBanIs503WithTheRemainingCoolDown() async throws {
        let behavior = SimulatorBehavior(ipRateLimit: try IPRateLimit(spec: "1/5s/10m"))
        try await withKlinesService(behavior, cache: false) { base, _ in
            #expect(try await get(base + "/api/v1/klines?symbol=BTCUSDT&interval=15").status == 200)
            let banned = try await get(base + "/api/v1/klines?symbol=BTCUSDT&interval=15")
            #expect(banned.status == 503)
            let seconds = try #require(Int(banned.headers["retry-after"] ?? ""))
            #expect((500...600).contains(seconds))
            #expect(banned.body.contains(#""upstream_error":"ipBanned""#))
        }
    }

    @Test func anUpstreamTimeoutIs504() async throws {
        try await withKlinesService(try Self.faults("delay:3s@always"), timeoutSeconds: 0.5) { base, _ in
            let response = try await get(base + "/api/v1/klines?symbol=BTCUSDT&interval=15")
            #expect(response.status == 504)
            #expect(response.body.contains(#""upstream_error":"timeout""#))
        }
    }
}
