import BybitSimulator
import Testing

/// The compact spec strings a `bybit-sim` command line uses for faults, triggers and latency.
@Suite struct SpecParsingTests {
    @Test(arguments: [
        ("10006", FaultRule(.rateLimited, trigger: .always)),
        ("10006@every:5@/v5/market/kline", FaultRule(.rateLimited, trigger: .everyNth(5), paths: ["/v5/market/kline"])),
        ("10016@next:3", FaultRule(.requestTimeout, trigger: .nextRequests(3))),
        ("5004@p:0.25:9", FaultRule(.serverTimeout, trigger: .probability(0.25, seed: 9))),
        ("http:503@p:0.05", FaultRule(.httpStatus(503), trigger: .probability(0.05))),
        ("html:502@next:2", FaultRule(.htmlPage(502), trigger: .nextRequests(2))),
        ("html:200", FaultRule(.htmlPage(200), trigger: .always)),
        ("reset", FaultRule(.connectionReset(afterBodyBytes: nil), trigger: .always)),
        ("reset:100@always@/v5/market/kline,/v5/market/time",
         FaultRule(.connectionReset(afterBodyBytes: 100), trigger: .always, paths: ["/v5/market/kline", "/v5/market/time"])),
        ("truncate:40", FaultRule(.truncatedBody(afterBytes: 40), trigger: .always)),
        ("malformed@every:2", FaultRule(.malformedJSON, trigger: .everyNth(2))),
        ("slow:64:250ms", FaultRule(.slowBody(chunkBytes: 64, pause: .milliseconds(250)), trigger: .always)),
        ("delay:30s@next:3", FaultRule(.delay(.seconds(30)), trigger: .nextRequests(3))),
    ])
    func faultRulesParseAndPrintBack(spec: String, rule: FaultRule) throws {
        #expect(try FaultRule(spec: spec) == rule)
        #expect(rule.spec == spec)
    }

    @Test(arguments: ["", "10007", "http", "http:403", "http:abc", "html:403", "html:99", "html", "reset:-1", "slow:0:1s", "slow:8:fast", "delay:30",
                      "10006@sometimes", "10006@every:0", "10006@p:2", "10006@every:1@kline", "10006@always@/a@extra"])
    func badFaultSpecsExplainThemselves(spec: String) {
        #expect { try FaultRule(spec: spec) } throws: { error in
            guard let error = error as? SimulatorConfigurationError else { return false }
            return error.code == .invalidBehavior && !error.message.isEmpty
        }
    }

    @Test(arguments: [
        ("none", Latency.none), ("50ms", .fixed(.milliseconds(50))), ("0", .fixed(.zero)), ("2s", .fixed(.seconds(2))),
        ("20ms..80ms", .jittered(minimum: .milliseconds(20), maximum: .milliseconds(80))),
        ("1ms..1s:7", .jittered(minimum: .milliseconds(1), maximum: .seconds(1), seed: 7)),
        ("90s", .fixed(.seconds(90))), ("10m", .fixed(.seconds(600))), ("500us", .fixed(.microseconds(500))),
    ])
    func latencyParsesAndPrintsBack(spec: String, latency: Latency) throws {
        #expect(try Latency(spec: spec) == latency)
        #expect(latency.spec == spec)
    }

    @Test(arguments: ["fast", "5", "-5ms", "80ms..20ms", "1ms..", "1ms..2ms:x", "1.5s"])
    func badLatencySpecsAreRejected(spec: String) {
        #expect(throws: SimulatorConfigurationError.self) { try Latency(spec: spec) }
    }

    @Test(arguments: [
        ("600/5s/10m", IPRateLimit()), ("50/250ms/2s", IPRateLimit(limit: 50, window: .milliseconds(250), banDuration: .seconds(2))),
        ("off", IPRateLimit(isEnabled: false)),
    ])
    func ipLimitsParseAndPrintBack(spec: String, limit: IPRateLimit) throws {
        #expect(try IPRateLimit(spec: spec) == limit)
        #expect(limit.spec == spec)
    }

    @Test func ipLimitBanDefaultsToTenMinutes() throws {
        #expect(try IPRateLimit(spec: "600/5s") == IPRateLimit())
    }

    @Test(arguments: ["", "600", "600/", "x/5s", "0/5s", "600/0", "600/5s/-1s", "600/5s/1m/2m", "on"])
    func badIPLimitSpecsAreRejected(spec: String) {
        #expect(throws: SimulatorConfigurationError.self) { try IPRateLimit(spec: spec) }
    }

    @Test func triggersRoundTrip() throws {
        for trigger in [RequestTrigger.always, .everyNth(7), .nextRequests(0), .probability(0.5), .probability(0.125, seed: 3)] {
            #expect(try RequestTrigger(spec: trigger.spec) == trigger)
        }
    }
}
