import BybitSimulator
@testable import BybitSimulatorHTTP
import Testing

@Suite("bybit-sim's command line")
struct CommandLineTests {
    @Test func defaultsAreAFaithfulExchangeOnPort9000() throws {
        let options = try SimulatorCommandLine([])
        #expect(options.host == "127.0.0.1")
        #expect(options.port == 9000)
        #expect(options.configuration == SimulatorConfiguration())
        #expect(!options.showHelp)
    }

    @Test func everyFlagIsRead() throws {
        let options = try SimulatorCommandLine([
            "--host", "0.0.0.0", "--port=0", "--latency", "20ms..80ms:7", "--fault", "10006@every:5@/v5/market/kline",
            "--fault=reset:100@p:0.1:3", "--ip-limit", "50/250ms/2s", "--bapi-headers", "every:2", "--bapi-on-10006",
            "--limit-policy", "clamp", "--event-loops", "3",
        ])
        #expect(options.host == "0.0.0.0")
        #expect(options.port == 0)
        #expect(options.eventLoops == 3)
        let behavior = options.configuration.behavior
        #expect(behavior.latency == .jittered(minimum: .milliseconds(20), maximum: .milliseconds(80), seed: 7))
        #expect(behavior.faults == [FaultRule(.rateLimited, trigger: .everyNth(5), paths: ["/v5/market/kline"]),
                                    FaultRule(.connectionReset(afterBodyBytes: 100), trigger: .probability(0.1, seed: 3))])
        #expect(behavior.ipRateLimit == IPRateLimit(limit: 50, window: .milliseconds(250), banDuration: .seconds(2)))
        #expect(behavior.bapiHeaders == BapiHeaders(presence: .everyNth(2), includeOnRateLimited: true))
        #expect(options.configuration.limitPolicy == .clamp)
        #expect(options.serverConfiguration.host == "0.0.0.0")
        #expect(try SimulatorCommandLine(["--bapi-headers", "never"]).configuration.behavior.bapiHeaders.presence == nil)
        #expect(try SimulatorCommandLine(["-h"]).showHelp)
    }

    @Test("invalid command lines say what is wrong", arguments: [
        (["--port", "70000"], "option '--port' must be a whole number from 0 to 65535, got '70000'"),
        (["--port"], "option '--port' needs a value"),
        (["--fault", "10007"], "option '--fault': fault '10007': unknown fault; use 10006, 10016, 5004, http:STATUS, html:STATUS, reset[:BYTES], truncate:BYTES, malformed, slow:CHUNK:PAUSE or delay:DURATION"),
        (["--latency", "soon"], "option '--latency': latency 'soon': 'soon' is not a duration; write an integer with a unit, e.g. 250ms, 5s or 10m"),
        (["--limit-policy", "drop"], "option '--limit-policy' must be reject or clamp, got 'drop'"),
        (["--verbose"], "unknown option '--verbose'; run bybit-sim --help"),
        (["serve"], "unexpected argument 'serve'; bybit-sim takes only options"),
    ])
    func invalid(arguments: [String], message: String) {
        #expect(throws: SimulatorCommandLineError(message)) { try SimulatorCommandLine(arguments) }
    }

    @Test(arguments: [("127.0.0.1:52114", "127.0.0.1"), ("[::1]:52114", "::1"), ("10.1.2.3:1", "10.1.2.3"), ("weird", "weird")])
    func clientIPsDropThePort(remote: String, ip: String) {
        #expect(SimulatorMiddleware.clientIP(from: remote) == ip)
    }

    @Test(arguments: [("/v5/market/kline?symbol=BTC%2DUSDT&limit=1", "symbol=BTC%2DUSDT&limit=1"), ("/v5/market/time", ""), ("/a?", "")])
    func rawQueriesStayEncoded(target: String, query: String) {
        #expect(SimulatorMiddleware.rawQuery(of: target) == query)
    }
}
