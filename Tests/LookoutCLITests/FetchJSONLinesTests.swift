import BybitSimulator
import SimulatorTestSupport
import Testing
import TestSupport

/// `lookout fetch --format jsonl`: one JSON object per candle per line, the JSON format's
/// candle fields plus `symbol`, keys sorted; a range is streamed as pages arrive.
@Suite("lookout fetch --format jsonl")
struct FetchJSONLinesTests {
    static let lines = """
        {"close":"60824.4","closed":true,"high":"60865.5","low":"60764.6","open":"60837.5","start":1717414200000,"start_utc":"2024-06-03T11:30:00Z","symbol":"BTCUSDT","turnover":"69531340.3777","volume":"1138.821"}
        {"close":"60897","closed":true,"high":"61005.7","low":"60791","open":"60824.4","start":1717415100000,"start_utc":"2024-06-03T11:45:00Z","symbol":"BTCUSDT","turnover":"82164328.6294","volume":"1343.807"}
        {"close":"60722.8","closed":false,"high":"60944.2","low":"60719.5","open":"60897","start":1717416000000,"start_utc":"2024-06-03T12:00:00Z","symbol":"BTCUSDT","turnover":"1195357.3144","volume":"19.593"}
        {"close":"2307.62","closed":true,"high":"2315","low":"2307.09","open":"2311.18","start":1717414200000,"start_utc":"2024-06-03T11:30:00Z","symbol":"ETHUSDT","turnover":"18345925.8522","volume":"7925.51"}
        {"close":"2310.28","closed":true,"high":"2313.73","low":"2306.03","open":"2307.62","start":1717415100000,"start_utc":"2024-06-03T11:45:00Z","symbol":"ETHUSDT","turnover":"18945980.0941","volume":"8188.66"}
        {"close":"2309.45","closed":false,"high":"2310.28","low":"2309.43","open":"2310.28","start":1717416000000,"start_utc":"2024-06-03T12:00:00Z","symbol":"ETHUSDT","turnover":"370026.1752","volume":"159.96"}

        """

    @Test func aRangeIsStreamedOneCandlePerLine() async throws {
        try await withSimulatorServer(clock: ManualSimulatorClock(CLI.frozenNow)) { _, url in
            let run = try CLI.run(["fetch", "BTCUSDT", "ETHUSDT", "--interval", "15", "--from", "2024-06-03T11:30Z", "--to", "2024-06-03T12:00Z",
                                   "--format", "jsonl", "--base-url", url, "--quiet"])
            #expect(run.status == 0)
            #expect(run.standardError == "")
            #expect(run.standardOutput == Self.lines)
        }
    }

    @Test func theLatestCandlesAreTheSameLines() async throws {
        try await withSimulatorServer(clock: ManualSimulatorClock(CLI.frozenNow)) { _, url in
            let run = try CLI.run(["fetch", "BTCUSDT", "ETHUSDT", "--interval", "15", "--limit", "3", "--format", "jsonl", "--base-url", url, "--quiet"])
            #expect(run.status == 0)
            #expect(run.standardOutput == Self.lines)
        }
    }
}
