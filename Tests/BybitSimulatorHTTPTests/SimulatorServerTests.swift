import BybitSimulator
import BybitSimulatorHTTP
import LookoutCurl
import SimulatorTestSupport
import Testing
import TestSupport

@Suite("The simulator served over HTTP")
struct SimulatorServerTests {
    /// 2024-06-03T12:00:30Z: half a minute into a 1-minute candle.
    static let now = SimulatorTime.milliseconds(1_717_416_030_000)
    static let kline = "/v5/market/kline?category=linear&symbol=BTCUSDT&interval=1&limit=3"

    let http: CurlClient
    init() throws { http = try CurlClient() }

    @Test func marketRoutesAnswerWithTheSimulatorsBytes() async throws {
        let clock = ManualSimulatorClock(Self.now)
        let reference = try BybitSimulator(clock: clock).respond(to: SimulatorRequest(target: Self.kline))
        try await withSimulatorServer(clock: clock) { server, url in
            let response = try await http.get(url + Self.kline)
            #expect(response.status == 200)
            #expect(response.body == reference.body)
            #expect(response.headers["Content-Type"] == "application/json; charset=utf-8")
            // No X-Bapi-Limit* on anonymous public requests (as observed on Bybit); a trace
            // id and the server time in ms on every exchange answer.
            #expect(response.headers["X-Bapi-Limit"] == nil)
            #expect(response.headers["Timenow"] == "1717416030000")
            #expect(response.headers["Traceid"]?.count == 32)
            let stats = server.simulator.statistics()
            #expect(stats.requestsByClientIP == ["127.0.0.1": 1])
            #expect(stats.requestsByPath == ["/v5/market/kline": 1])
        }
    }

    @Test func unknownPathsGetBybitsRouteNotFound() async throws {
        try await withSimulatorServer(clock: ManualSimulatorClock(Self.now)) { _, url in
            let response = try await http.get(url + "/v5/market/insurance?coin=USDT")  // not simulated
            #expect(response.status == 404)
            #expect(response.text == #"{"retCode":10017,"retMsg":"Route not found.","result":{},"retExtInfo":{},"time":1717416030000}"#)
        }
    }

    @Test func latencyDelaysTheHeaders() async throws {
        let configuration = SimulatorConfiguration(behavior: SimulatorBehavior(latency: .fixed(.milliseconds(150))))
        try await withSimulatorServer(configuration) { _, url in
            let started = ContinuousClock.now
            let response = try await http.get(url + Self.kline)
            #expect(response.status == 200)
            #expect(ContinuousClock.now - started >= .milliseconds(150))
        }
    }

    @Test func exceedingTheIPLimitIsA403BanThatClosesTheConnection() async throws {
        let limit = IPRateLimit(limit: 3, window: .seconds(10), banDuration: .seconds(60))
        try await withSimulatorServer(SimulatorConfiguration(behavior: SimulatorBehavior(ipRateLimit: limit))) { server, url in
            for _ in 0..<3 { #expect(try await http.get(url + Self.kline).status == 200) }
            let banned = try await http.get(url + Self.kline)
            #expect(banned.status == 403)
            #expect(banned.text == "403 Forbidden: access too frequent\n")
            #expect(banned.headers["Connection"] == "close")
            #expect(try await http.get(url + "/v5/market/time").status == 403)
            let stats = server.simulator.statistics()
            #expect(stats.bansIssued == 1)
            #expect(stats.rejectedWhileBanned == 1)
            #expect(stats.maxRequestsInWindow == 4)
        }
    }

    @Test func htmlPagesAreServedAsHTML() async throws {
        let configuration = SimulatorConfiguration(behavior: SimulatorBehavior(faults: [try FaultRule(spec: "html:502")]))
        try await withSimulatorServer(configuration) { _, url in
            let response = try await http.get(url + Self.kline)
            #expect(response.status == 502)
            #expect(response.headers["Content-Type"] == "text/html")
            #expect(response.text.hasPrefix("<html>"))
        }
    }

    @Test func malformedJSONHasAMatchingLength() async throws {
        let configuration = SimulatorConfiguration(behavior: SimulatorBehavior(faults: [try FaultRule(spec: "malformed")]))
        try await withSimulatorServer(configuration, clock: ManualSimulatorClock(Self.now)) { _, url in
            let whole = try BybitSimulator(clock: ManualSimulatorClock(Self.now)).respond(to: SimulatorRequest(target: Self.kline)).body
            let response = try await http.get(url + Self.kline)
            #expect(response.status == 200)
            #expect(response.body == Array(whole.prefix(whole.count / 2)))
        }
    }
}
