import BybitSimulator
import Testing

@Suite struct IPRateLimitTests {
    static let ban = Duration.seconds(30)

    func harness(limit: IPRateLimit = IPRateLimit(banDuration: IPRateLimitTests.ban)) throws -> Harness {
        try Harness(configuration: SimulatorConfiguration(behavior: SimulatorBehavior(ipRateLimit: limit)))
    }

    func time(_ harness: Harness, _ ip: String = "10.0.0.1") -> Int {
        harness.get("/v5/market/time", clientIP: ip).status
    }

    @Test func the601stRequestInFiveSecondsIsBannedWith403() throws {
        let harness = try harness()
        for _ in 0..<600 { #expect(time(harness) == 200) }
        let banned = harness.get("/v5/market/time", clientIP: "10.0.0.1")
        #expect(banned.status == 403)
        #expect(banned.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(banned.transport.closeConnection)
        #expect(throws: (any Error).self) { try JSON.parse(banned.body) }
        #expect(time(harness, "10.0.0.2") == 200, "other IPs are unaffected")

        let stats = harness.simulator.statistics()
        #expect(stats.bansIssued == 1)
        #expect(stats.maxRequestsInWindow == 601)
        #expect(stats.maxRequestsInWindowByClientIP == ["10.0.0.1": 601, "10.0.0.2": 1])
        #expect(stats.responsesByStatus == [200: 601, 403: 1])
    }

    @Test func theBanLastsItsDurationThenTheWindowStartsEmpty() throws {
        let harness = try harness()
        for _ in 0...600 { _ = time(harness) }
        harness.clock.advance(by: .seconds(10))  // the window has passed, the ban has not
        #expect(time(harness) == 403)
        harness.clock.advance(by: .seconds(19))
        #expect(time(harness) == 403)
        #expect(harness.simulator.statistics().rejectedWhileBanned == 2)
        harness.clock.advance(by: .seconds(1))  // 30 s after the ban started
        for _ in 0..<600 { #expect(time(harness) == 200) }
        #expect(time(harness) == 403)
        #expect(harness.simulator.statistics().bansIssued == 2)
    }

    @Test func theWindowSlides() throws {
        let harness = try harness()
        // 600 requests 1 ms apart, then more as the oldest leave the (now − 5 s, now] window.
        for _ in 0..<600 {
            #expect(time(harness) == 200)
            harness.clock.advance(by: .milliseconds(1))
        }
        harness.clock.set(to: Harness.docsNow + .milliseconds(4_999))
        #expect(time(harness) == 403, "at +4.999 s all 600 are still inside the window")
        harness.simulator.liftBans()
        for _ in 0..<600 { _ = time(harness) }  // 600 more at +4.999 s
        harness.clock.advance(by: .milliseconds(5_000))  // all expired exactly now
        #expect(time(harness) == 200)
        #expect(harness.simulator.statistics().maxRequestsInWindow == 601)
    }

    @Test func aClientWithinBudgetNeverExceedsIt() throws {
        let harness = try harness()
        // 120 requests per second for 20 s: 600 per window at most.
        for _ in 0..<(20 * 120) {
            #expect(time(harness) == 200)
            harness.clock.advance(by: .nanoseconds(1_000_000_000 / 120 + 1))
        }
        let stats = harness.simulator.statistics()
        #expect(stats.bansIssued == 0)
        #expect(stats.maxRequestsInWindow <= 600)
        #expect(stats.maxRequestsInWindow >= 590)
    }

    @Test func disabledEnforcementStillCounts() throws {
        let harness = try harness(limit: IPRateLimit(isEnabled: false))
        for _ in 0..<700 { #expect(time(harness) == 200) }
        #expect(harness.simulator.statistics().maxRequestsInWindow == 700)
        #expect(harness.simulator.statistics().bansIssued == 0)
    }

    @Test func countersByIPAndPath() throws {
        let harness = try harness()
        _ = harness.get("/v5/market/time", clientIP: "a")
        _ = harness.get("/v5/market/kline?symbol=BTCUSDT&interval=1", clientIP: "a")
        _ = harness.get("/v5/market/kline?symbol=BTCUSDT&interval=5", clientIP: "b")
        _ = harness.get("/v5/nope", clientIP: "b")
        let stats = harness.simulator.statistics()
        #expect(stats.totalRequests == 4)
        #expect(stats.requestsByClientIP == ["a": 2, "b": 2])
        #expect(stats.requestsByPath == ["/v5/market/time": 1, "/v5/market/kline": 2, "(unknown)": 1])
        #expect(stats.responsesByStatus == [200: 3, 404: 1])
        harness.simulator.resetStatistics()
        #expect(harness.simulator.statistics() == SimulatorStatistics())
    }
}
