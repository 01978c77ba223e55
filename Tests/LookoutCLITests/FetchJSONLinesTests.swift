import BybitSimulator
import SimulatorTestSupport
import Testing
import TestSupport

/// `lookout fetch --format jsonl`: one JSON object per candle per line, the JSON format's
/// candle fields plus `symbol`, keys sorted; a range is streamed as pages arrive.
@Suite("lookout fetch --format jsonl")
struct FetchJSONLinesTests {
    static let lines = """
        {"close":"54726.7","closed":true,"high":"54765.2","low":"54671.2","open":"54739.2","start":1717414200000,"start_utc":"2024-06-03T11:30:00Z","symbol":"BTCUSDT","turnover":"63770021.6358","volume":"1160.733"}
        {"close":"54794","closed":true,"high":"54895.8","low":"54695.5","open":"54726.7","start":1717415100000,"start_utc":"2024-06-03T11:45:00Z","symbol":"BTCUSDT","turnover":"75439969.6295","volume":"1371.12"}
        {"close":"54630.9","closed":false,"high":"54838.1","low":"54627.8","open":"54794","start":1717416000000,"start_utc":"2024-06-03T12:00:00Z","symbol":"BTCUSDT","turnover":"1098731.7931","volume":"20.015"}
        {"close":"2590.75","closed":true,"high":"2600.67","low":"2590.04","open":"2595.59","start":1717414200000,"start_utc":"2024-06-03T11:30:00Z","symbol":"ETHUSDT","turnover":"21105615.4538","volume":"8115.92"}
        {"close":"2594.18","closed":true,"high":"2598.84","low":"2588.62","open":"2590.75","start":1717415100000,"start_utc":"2024-06-03T11:45:00Z","symbol":"ETHUSDT","turnover":"21720218.8884","volume":"8357.31"}
        {"close":"2592.99","closed":false,"high":"2594.19","low":"2592.96","open":"2594.18","start":1717416000000,"start_utc":"2024-06-03T12:00:00Z","symbol":"ETHUSDT","turnover":"430965.0883","volume":"165.89"}

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
