import BybitSimulator
import BybitSimulatorHTTP
import LookoutCurl
import SimulatorTestSupport
import Testing
import TestSupport

@Suite("The simulator's /sim/ control API")
struct AdminAPITests {
    let http: CurlClient
    init() throws { http = try CurlClient() }

    func put(_ url: String, _ body: String) async throws -> CurlResponse {
        try await http.execute(CurlRequest(method: .put, url: url, body: Array(body.utf8)))
    }

    @Test func statsAreJSONWithSortedKeys() async throws {
        let clock = ManualSimulatorClock(.milliseconds(1_717_416_030_000))
        let configuration = SimulatorConfiguration(behavior: SimulatorBehavior(faults: [try FaultRule(spec: "10006@next:1")]))
        try await withSimulatorServer(configuration, clock: clock) { _, url in
            _ = try await http.get(url + "/v5/market/kline?symbol=BTCUSDT&interval=1&limit=1")
            _ = try await http.get(url + "/v5/market/kline?symbol=BTCUSDT&interval=1&limit=1")
            _ = try await http.get(url + "/nowhere")
            let stats = try await http.get(url + "/sim/stats")
            #expect(stats.status == 200)
            #expect(stats.text == #"{"bansIssued":0,"faultsInjected":{"rateLimited":1},"maxRequestsInWindow":3,"maxRequestsInWindowByClientIP":{"127.0.0.1":3},"rejectedWhileBanned":0,"requestsByClientIP":{"127.0.0.1":3},"requestsByPath":{"(unknown)":1,"/v5/market/kline":2},"responsesByStatus":{"200":2,"404":1},"totalRequests":3}"#)
            #expect(try await http.execute(CurlRequest(method: .delete, url: url + "/sim/stats")).status == 204)
            #expect(try await http.get(url + "/sim/stats").text.hasSuffix(#""totalRequests":0}"#))
        }
    }

    @Test func faultsAreReplacedAtRunTime() async throws {
        try await withSimulatorServer { server, url in
            let replaced = try await put(url + "/sim/faults", "[\"10016@next:2\", \"http:503@every:4@/v5/market/kline\"]")
            #expect(replaced.status == 200)
            #expect(replaced.text == #"{"faults":["10016@next:2","http:503@every:4@/v5/market/kline"],"ipLimit":"600/5s/10m","latency":"none"}"#)
            #expect(server.simulator.behavior.faults == [FaultRule(.requestTimeout, trigger: .nextRequests(2)),
                                                          FaultRule(.httpStatus(503), trigger: .everyNth(4), paths: ["/v5/market/kline"])])
            let first = try await http.get(url + "/v5/market/time")
            #expect(first.text.hasPrefix(#"{"retCode":10016,"#))
            // One spec per line works too; an empty body clears every rule.
            #expect(try await put(url + "/sim/faults", "\n10006\n  malformed@every:2 \n").status == 200)
            #expect(server.simulator.behavior.faults.map(\.spec) == ["10006", "malformed@every:2"])
            #expect(try await put(url + "/sim/faults", "").status == 200)
            #expect(server.simulator.behavior.faults.isEmpty)
        }
    }

    @Test("bad specs are 400 problems and change nothing", arguments: [
        ("/sim/faults", "10006\nbogus", "fault 'bogus': unknown fault; use 10006, 10016, 5004, http:STATUS, html:STATUS, reset[:BYTES], truncate:BYTES, malformed, slow:CHUNK:PAUSE or delay:DURATION"),
        ("/sim/faults", "[1, 2]", "the body starts with '[' but is not a JSON array of strings; send [\"10006@next:3\", \"http:503@p:0.1\"] or one spec per line"),
        ("/sim/latency", "fast", "latency 'fast': 'fast' is not a duration; write an integer with a unit, e.g. 250ms, 5s or 10m"),
        ("/sim/latency", " ", "the body is empty; send a latency such as 50ms, 20ms..80ms:7 or none"),
        ("/sim/ip-limit", "600", "ip limit '600': expected LIMIT/WINDOW[/BAN] such as 600/5s or 600/5s/10m, or off"),
    ])
    func badSpecs(path: String, body: String, detail: String) async throws {
        try await withSimulatorServer { server, url in
            let before = server.simulator.behavior
            let response = try await put(url + path, body)
            #expect(response.status == 400)
            #expect(response.headers["Content-Type"] == "application/problem+json")
            #expect(response.text.contains(#""detail":"\#(detail.replacingOccurrences(of: "\"", with: "\\\""))""#), "\(response.text)")
            #expect(server.simulator.behavior == before)
        }
    }

    @Test func latencyAndIPLimitAreReplacedAndBansLifted() async throws {
        try await withSimulatorServer { server, url in
            let latency = try await put(url + "/sim/latency", "20ms..40ms:3\n")
            #expect(latency.text == #"{"faults":[],"ipLimit":"600/5s/10m","latency":"20ms..40ms:3"}"#)
            #expect(try await put(url + "/sim/ip-limit", "1/10s/1m").status == 200)
            #expect(try await put(url + "/sim/latency", "none").status == 200)
            #expect(try await http.get(url + "/v5/market/time").status == 200)
            #expect(try await http.get(url + "/v5/market/time").status == 403)
            #expect(try await http.execute(CurlRequest(method: .delete, url: url + "/sim/bans")).status == 204)
            #expect(try await http.get(url + "/v5/market/time").status == 200)
            #expect(try await http.get(url + "/sim/behavior").text == #"{"faults":[],"ipLimit":"1/10s/1m","latency":"none"}"#)
            #expect(server.simulator.statistics().bansIssued == 1)
        }
    }
}
