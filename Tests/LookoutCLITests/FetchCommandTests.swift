import BybitSimulator
import Foundation
import SimulatorTestSupport
import Testing
import TestSupport

@Suite("lookout fetch against the simulated exchange")
struct FetchCommandTests {
    static let csv = """
        symbol,start,start_utc,open,high,low,close,volume,turnover,closed
        BTCUSDT,1717414200000,2024-06-03T11:30:00Z,54739.2,54765.2,54671.2,54726.7,1160.733,63770021.6358,true
        BTCUSDT,1717415100000,2024-06-03T11:45:00Z,54726.7,54895.8,54695.5,54794,1371.12,75439969.6295,true
        BTCUSDT,1717416000000,2024-06-03T12:00:00Z,54794,54838.1,54627.8,54630.9,20.015,1098731.7931,false
        ETHUSDT,1717414200000,2024-06-03T11:30:00Z,2595.59,2600.67,2590.04,2590.75,8115.92,21105615.4538,true
        ETHUSDT,1717415100000,2024-06-03T11:45:00Z,2590.75,2598.84,2588.62,2594.18,8357.31,21720218.8884,true
        ETHUSDT,1717416000000,2024-06-03T12:00:00Z,2594.18,2594.19,2592.96,2592.99,165.89,430965.0883,false

        """

    static let table = """
        SYMBOL   START (UTC)               OPEN     HIGH      LOW    CLOSE    VOLUME       TURNOVER
        BTCUSDT  2024-06-03T11:30:00Z   54739.2  54765.2  54671.2  54726.7  1160.733  63770021.6358
        BTCUSDT  2024-06-03T11:45:00Z   54726.7  54895.8  54695.5    54794   1371.12  75439969.6295
        BTCUSDT  2024-06-03T12:00:00Z*    54794  54838.1  54627.8  54630.9    20.015   1098731.7931
        ETHUSDT  2024-06-03T11:30:00Z   2595.59  2600.67  2590.04  2590.75   8115.92  21105615.4538
        ETHUSDT  2024-06-03T11:45:00Z   2590.75  2598.84  2588.62  2594.18   8357.31  21720218.8884
        ETHUSDT  2024-06-03T12:00:00Z*  2594.18  2594.19  2592.96  2592.99    165.89    430965.0883
        * still open: its close is the latest price and will change

        """

    /// Standard error without the run's duration, which is the only thing that varies.
    func summary(_ output: ExternalTool.Output) -> String {
        output.standardError.replacing(/, \d+(\.\d+)? (ms|s)\n/, with: ", <time>\n")
    }

    @Test func csvIsTheWholeDocument() async throws {
        try await withSimulatorServer(clock: ManualSimulatorClock(CLI.frozenNow)) { _, url in
            let run = try CLI.run(["fetch", "BTCUSDT", "ETHUSDT", "--interval", "15", "--limit", "3", "--format", "csv", "--base-url", url])
            #expect(run.status == 0)
            #expect(run.standardOutput == Self.csv)
            #expect(summary(run) == """
                BTCUSDT  3 candles 2024-06-03T11:30:00Z … 2024-06-03T12:00:00Z
                ETHUSDT  3 candles 2024-06-03T11:30:00Z … 2024-06-03T12:00:00Z
                2 symbols (2 ok, 0 failed), 6 candles, 2 requests, 0 retries, <time>

                """)
        }
    }

    @Test func tableMarksTheOpenCandleAndExcludeOpenDropsIt() async throws {
        try await withSimulatorServer(clock: ManualSimulatorClock(CLI.frozenNow)) { _, url in
            let table = try CLI.run(["fetch", "btcusdt", "ETHUSDT", "--interval", "15", "--limit", "3", "--format", "table", "--base-url", url, "--quiet"])
            #expect(table.status == 0)
            #expect(table.standardOutput == Self.table)
            #expect(table.standardError == "")
            let closed = try CLI.run(["fetch", "BTCUSDT", "ETHUSDT", "--interval", "15", "--limit", "3", "--exclude-open", "--base-url", url, "--quiet"])
            #expect(closed.standardOutput == Self.csv.split(separator: "\n").filter { !$0.hasSuffix("false") }.joined(separator: "\n") + "\n")
        }
    }

    @Test func jsonCarriesTheFailuresAndTheStatusIsOne() async throws {
        try await withSimulatorServer(clock: ManualSimulatorClock(CLI.frozenNow)) { _, url in
            let run = try CLI.run(["fetch", "BTCUSDT", "NOPEUSDT", "--interval", "60", "--limit", "2", "--format", "json", "--base-url", url])
            #expect(run.status == 1)
            let failure = #"Bybit badRequest: Bybit answered retCode 10001 \"Not supported symbols\": check the symbol exists in this category and the parameters are valid [retCode 10001 \"Not supported symbols\", HTTP 200, symbol NOPEUSDT, GET \#(url)/v5/market/kline?category=linear&symbol=NOPEUSDT&interval=60&limit=2]"#
            #expect(run.standardOutput == #"{"category":"linear","errors":[{"code":"badRequest","message":"\#(failure)","symbol":"NOPEUSDT"}],"interval":"60","symbols":[{"candles":[{"close":"54794","closed":true,"high":"54895.8","low":"54432.8","open":"54555.4","start":1717412400000,"start_utc":"2024-06-03T11:00:00Z","turnover":"310219388.1374","volume":"5645.695"},{"close":"54630.9","closed":false,"high":"54838.1","low":"54627.8","open":"54794","start":1717416000000,"start_utc":"2024-06-03T12:00:00Z","turnover":"1098731.7931","volume":"20.015"}],"symbol":"BTCUSDT"}]}"# + "\n")
            #expect(summary(run).contains("NOPEUSDT  failed: Bybit badRequest: Bybit answered retCode 10001 \"Not supported symbols\""))
            #expect(summary(run).hasSuffix("2 symbols (1 ok, 1 failed), 2 candles, 2 requests, 0 retries, <time>\n"))
        }
    }

    @Test func theReadmeCommandFetchesThreeThousandCandles() async throws {
        try await withSimulatorServer { server, url in
            let run = try CLI.run(["fetch", "BTCUSDT", "ETHUSDT", "SOLUSDT", "--interval", "15", "--limit", "1000", "--base-url", url])
            #expect(run.status == 0)
            let lines = run.standardOutput.split(separator: "\n")
            #expect(lines.count == 3001)
            #expect(lines.first == "symbol,start,start_utc,open,high,low,close,volume,turnover,closed")
            for symbol in ["BTCUSDT", "ETHUSDT", "SOLUSDT"] { #expect(lines.count { $0.hasPrefix(symbol + ",") } == 1000) }
            #expect(summary(run).hasSuffix("3 symbols (3 ok, 0 failed), 3000 candles, 3 requests, 0 retries, <time>\n"))
            #expect(server.simulator.statistics().totalRequests == 3)
        }
    }

    @Test func rangesArePagedAndWrittenAtomicallyToAFile() async throws {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "lookout-fetch")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("week.csv").path
        try Data("old contents\n".utf8).write(to: URL(fileURLWithPath: file))
        try await withSimulatorServer { server, url in
            let run = try CLI.run(["fetch", "BTCUSDT", "ETHUSDT", "--interval", "1", "--from", "2024-01-01", "--to", "2024-01-02T17:39Z",
                                   "--concurrency", "10", "--out", file, "--base-url", url])
            #expect(run.status == 0)
            #expect(run.standardOutput == "")
            let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
            // 2,500 one-minute candles per symbol: three pages each.
            #expect(lines.count == 5001)
            #expect(lines[1].hasPrefix("BTCUSDT,1704067200000,2024-01-01T00:00:00Z,"))
            #expect(lines[2500].hasPrefix("BTCUSDT,1704217140000,2024-01-02T17:39:00Z,"))
            #expect(server.simulator.statistics().totalRequests == 6)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["week.csv"])
        }
    }

    @Test func aRangeFailingPartWayWritesTheRestAndExitsFive() async throws {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "lookout-fetch")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("partial.csv").path
        try await withSimulatorServer { server, url in
            // The first page (requests go out in page order with --concurrency 1) gets an
            // HTTP 400, which is never retried; the other two pages succeed.
            try server.simulator.updateBehavior { $0.faults = [FaultRule(.httpStatus(400), trigger: .nextRequests(1), paths: ["/v5/market/kline"])] }
            let run = try CLI.run(["fetch", "BTCUSDT", "--interval", "1", "--from", "2024-01-01", "--to", "2024-01-02T17:39Z",
                                   "--concurrency", "1", "--out", file, "--base-url", url])
            #expect(run.status == 5)
            let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 1 + 1500)
            #expect(lines[1].hasPrefix("BTCUSDT,1704127200000,2024-01-01T16:40:00Z,"))
            #expect(run.standardError.contains("lookout fetch: BTCUSDT missing 2024-01-01T00:00:00Z … 2024-01-01T16:39:00Z: Bybit httpStatus: HTTP 400"))
            #expect(summary(run).contains("BTCUSDT  1500 candles 2024-01-01T16:40:00Z … 2024-01-02T17:39:00Z\n"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["partial.csv"])
        }
    }

    @Test func aJSONRangeFailingPartWayWritesTheRestAndExitsFive() async throws {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "lookout-fetch")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("partial.json").path
        try await withSimulatorServer { server, url in
            // As above, but the document formats hold the whole range before writing it.
            try server.simulator.updateBehavior { $0.faults = [FaultRule(.httpStatus(400), trigger: .nextRequests(1), paths: ["/v5/market/kline"])] }
            let run = try CLI.run(["fetch", "BTCUSDT", "--interval", "1", "--from", "2024-01-01", "--to", "2024-01-02T17:39Z",
                                   "--concurrency", "1", "--format", "json", "--out", file, "--base-url", url, "--quiet"])
            #expect(run.status == 5)
            #expect(run.standardError == "lookout fetch: BTCUSDT missing 2024-01-01T00:00:00Z … 2024-01-01T16:39:00Z: Bybit httpStatus: HTTP 400 is not a Bybit answer this client retries (wrong base URL or path?); body \"400 Bad Request\" [HTTP 400, symbol BTCUSDT, GET \(url)/v5/market/kline?category=linear&symbol=BTCUSDT&interval=1&start=1704067200000&end=1704127140000&limit=1000]\n")
            let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any]
            let symbols = try #require(document?["symbols"] as? [[String: Any]])
            let candles = try #require(symbols.first?["candles"] as? [[String: Any]])
            #expect(candles.count == 1500)
            #expect(candles.first?["start"] as? Int64 == 1_704_127_200_000)
            #expect(server.simulator.statistics().totalRequests == 3)
        }
    }

    @Test func resumeContinuesAnInterruptedFileFromItsLastCompleteCandle() async throws {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "lookout-fetch")
        defer { try? FileManager.default.removeItem(at: directory) }
        let whole = directory.appendingPathComponent("whole.csv").path
        let cut = directory.appendingPathComponent("cut.csv").path
        let arguments = ["fetch", "BTCUSDT", "ETHUSDT", "--interval", "1", "--from", "2024-01-01", "--to", "2024-01-02T17:39Z", "--quiet"]
        try await withSimulatorServer { server, url in
            #expect(try CLI.run(arguments + ["--out", whole, "--base-url", url]).status == 0)
            let complete = try Data(contentsOf: URL(fileURLWithPath: whole))
            // Interrupted in the middle of BTCUSDT's 1,201st row.
            let lines = complete.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            let keep = lines[0...1200].reduce(0) { $0 + $1.count + 1 } + 20
            try complete.prefix(keep).write(to: URL(fileURLWithPath: cut))
            server.simulator.resetStatistics()
            let resumed = try CLI.run(arguments + ["--out", cut, "--resume", "--base-url", url])
            #expect(resumed.status == 0, "\(resumed.standardError)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: cut)) == complete)
            // BTCUSDT's last 1,300 candles (2 pages) and all of ETHUSDT (3 pages).
            #expect(server.simulator.statistics().totalRequests == 5)
            // Nothing left to do: a second resume sends nothing and changes nothing.
            server.simulator.resetStatistics()
            #expect(try CLI.run(arguments + ["--out", cut, "--resume", "--base-url", url]).status == 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: cut)) == complete)
        }
    }

    @Test func aStreamedRangeChecksTheOutputBeforeSendingAnything() async throws {
        try await withSimulatorServer { server, url in
            let run = try CLI.run(["fetch", "BTCUSDT", "--interval", "1", "--from", "2024-01-01", "--to", "2024-01-02",
                                   "--out", "/nonexistent-dir/out.csv", "--base-url", url, "--quiet"])
            #expect(run.status == 4)
            #expect(run.standardError.hasSuffix("check the directory exists and is writable\n"))
            #expect(server.simulator.statistics().totalRequests == 0)
        }
    }

    @Test func theEnvironmentChoosesTheBaseURL() async throws {
        try await withSimulatorServer(clock: ManualSimulatorClock(CLI.frozenNow)) { _, url in
            let run = try CLI.run(["fetch", "BTCUSDT", "ETHUSDT", "--interval", "15", "--limit", "3", "--quiet"], environment: ["BYBIT_BASE_URL": url])
            #expect(run.status == 0)
            #expect(run.standardOutput == Self.csv)
        }
    }

    @Test("usage errors exit 2 with one line", arguments: [
        (["fetch", "--interval", "15"], "lookout: fetch needs at least one symbol, e.g. `lookout fetch BTCUSDT --interval 15`\n"),
        (["fetch", "BTCUSDT"], "lookout: fetch needs --interval: one of 1 3 5 15 30 60 120 240 360 720 D W M (minutes, or D, W, M)\n"),
        (["fetch", "BTCUSDT", "--interval", "7"], "lookout: option '--interval' must be one of 1 3 5 15 30 60 120 240 360 720 D W M, got '7'\n"),
        (["fetch", "BTCUSDT", "--interval", "15", "--limit", "0"], "lookout: option '--limit' must be a whole number from 1 to 1000, got '0'\n"),
        (["fetch", "BTCUSDT", "--interval", "15", "--limit", "1001"], "lookout: option '--limit' must be a whole number from 1 to 1000, got '1001'\n"),
        (["fetch", "BTCUSDT", "--interval", "15", "--from", "2024-02-01", "--to", "2024-01-01"],
         "lookout: --from 2024-02-01T00:00:00Z is after --to 2024-01-01T00:00:00Z; swap them\n"),
        (["fetch", "BTCUSDT", "--interval", "15", "--from", "yesterday"],
         "lookout: option '--from' must be a UTC date-time such as 2024-06-01, 2024-06-01T12:30Z or milliseconds since 1970, got 'yesterday'\n"),
        (["fetch", "BTCUSDT", "--interval", "15", "--limit", "5", "--from", "2024-01-01"],
         "lookout: use either --limit N (the latest N candles) or --from T [--to T] (a range), not both\n"),
        (["fetch", "BTCUSDT", "--interval", "1", "--from", "2000-01-01", "--to", "2010-01-01"],
         "lookout: the range needs 5261 requests per symbol (more than 2000, about 2 million candles); fetch a shorter range or a longer interval\n"),
        (["fetch", "BTCUSDT", "--interval", "15", "--category", "option"], "lookout: option '--category' must be spot, linear or inverse, got 'option'\n"),
        (["fetch", "BTCUSDT", "--interval", "15", "--format", "xml"], "lookout: option '--format' must be csv, json, jsonl or table, got 'xml'\n"),
        (["fetch", "BTCUSDT", "--interval", "15", "--base-url", "localhost:9000"],
         "lookout: base URL 'localhost:9000' must start with http:// or https://; expected e.g. https://api.bybit.com or http://127.0.0.1:9000\n"),
        (["fetch", "BTCUSDT", "--interval", "15", "--verbose"], "lookout: unknown option '--verbose'\n"),
        (["fetch", "BTCUSDT", "--interval", "15", "--budget", "500"], Self.badBudget("500")),
        (["fetch", "BTCUSDT", "--interval", "15", "--budget", "0/5s"], Self.badBudget("0/5s")),
        (["fetch", "BTCUSDT", "--interval", "15", "--budget", "100001/5s"], Self.badBudget("100001/5s")),
        (["fetch", "BTCUSDT", "--interval", "15", "--budget", "20/5"], Self.badBudget("20/5")),
        (["fetch", "BTCUSDT", "--interval", "15", "--budget", "20/0s"], Self.badBudget("20/0s")),
        (["fetch", "BTCUSDT", "--interval", "15", "--budget", "20/2h"], Self.badBudget("20/2h")),
        (["fetch", "BTCUSDT", "--interval", "15", "--budget", "20/-5s"], Self.badBudget("20/-5s")),
        (["fetch", "BTCUSDT", "--interval", "15", "--budget", "x/5s"], Self.badBudget("x/5s")),
        (["fetch", "BTCUSDT", "--interval", "1m"], "lookout: option '--interval' must be one of 1 3 5 15 30 60 120 240 360 720 D W M, got '1m'; Bybit counts minutes: use 1\n"),
        (["fetch", "BTCUSDT", "--interval", "1h"], "lookout: option '--interval' must be one of 1 3 5 15 30 60 120 240 360 720 D W M, got '1h'; Bybit counts minutes: use 60\n"),
        (["fetch", "BTCUSDT", "--interval", "1d"], "lookout: option '--interval' must be one of 1 3 5 15 30 60 120 240 360 720 D W M, got '1d'; for days use D\n"),
        (["fetch", "BTCUSDT", "--interval", "m"], "lookout: option '--interval' must be one of 1 3 5 15 30 60 120 240 360 720 D W M, got 'm'; M (capital) is a month; for minutes use a number such as 1\n"),
        (["fetch", "", "--interval", "15"], "lookout: a symbol is empty (''); give symbols such as BTCUSDT\n"),
        (["fetch", "BTCUSDT", "--interval", "15", "--from", "1704067200"],
         "lookout: option '--from' takes milliseconds since 1970, got '1704067200', which looks like seconds; use 1704067200000\n"),
        (["fetch", "BTCUSDT", "--interval", "15", "--from", "2999-01-01"],
         "lookout: --from 2999-01-01T00:00:00Z is in the future (now is <now>); give a past start\n"),
        (["fetch", "BTCUSDT", "--interval", "15", "--base-url", "http://"],
         "lookout: base URL 'http://' has no host after the scheme; expected e.g. https://api.bybit.com or http://127.0.0.1:9000\n"),
        (["fetch", "BTCUSDT", "--interval", "15", "--base-url", "http://127.0.0.1:99999"],
         "lookout: base URL 'http://127.0.0.1:99999' has port '99999'; a port is a number from 1 to 65535; expected e.g. https://api.bybit.com or http://127.0.0.1:9000\n"),
        (["fetch", "BTCUSDT", "--interval", "15", "--limit", "5", "--out", "x.csv", "--resume"],
         "lookout: --resume continues a CSV range in a file: it needs --from T, --out FILE and CSV output (the default for --out)\n"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 2)
        #expect(run.standardOutput == "")
        #expect(run.standardError.replacing(/now is [0-9T:Z.-]+\)/, with: "now is <now>)") == message)
    }

    static func badBudget(_ text: String) -> String {
        "lookout: option '--budget' must be REQUESTS/WINDOW such as 500/5s or 20/1s (1...100000 requests, a window from 1ms to 1h), got '\(text)'\n"
    }

    @Test func theBudgetCeilingPacesTheRequests() async throws {
        try await withSimulatorServer(clock: ManualSimulatorClock(CLI.frozenNow)) { server, url in
            // 4 symbols, 2 requests per 400 ms: the 3rd and 4th wait one window.
            let started = ContinuousClock.now
            let run = try CLI.run(["fetch", "BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "--interval", "15", "--limit", "3",
                                   "--budget", "2/400ms", "--base-url", url, "--quiet"])
            #expect(run.status == 0)
            #expect(ContinuousClock.now - started >= .milliseconds(400))
            #expect(server.simulator.statistics().totalRequests == 4)
        }
    }

    @Test func anUnreachableAPIExitsThreeAndWritesNothing() throws {
        let run = try CLI.run(["fetch", "BTCUSDT", "ETHUSDT", "--interval", "15", "--limit", "3", "--base-url", "http://127.0.0.1:1", "--quiet"])
        #expect(run.status == 3)
        #expect(run.standardOutput == "")
        let lines = run.standardError.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.contains("failed: Bybit transport:") && $0.contains("GET http://127.0.0.1:1/v5/market/kline?") })
    }

    @Test func aRangeBeforeTheListingIsReportedPerSymbol() async throws {
        try await withSimulatorServer { _, url in
            let run = try CLI.run(["fetch", "BTCUSDT", "--interval", "D", "--from", "2019-01-01", "--to", "2019-02-01", "--base-url", url])
            #expect(run.status == 3)
            #expect(summary(run).hasPrefix("BTCUSDT  failed: Bybit noData: Bybit returned no BTCUSDT candles (interval D) from 2019-01-01T00:00:00Z to 2019-02-01T00:00:00Z in 1 request;"))
        }
    }

    @Test func anEmptyLatestAnswerIsNoDataLikeAnEmptyRange() async throws {
        // 2019-01-01: the simulated BTCUSDT has not listed yet, so "the latest 3" is empty.
        try await withSimulatorServer(clock: ManualSimulatorClock(SimulatorTime.milliseconds(1_546_300_800_000))) { _, url in
            let run = try CLI.run(["fetch", "BTCUSDT", "--interval", "15", "--limit", "3", "--base-url", url, "--quiet"])
            #expect(run.status == 3)
            #expect(run.standardOutput == "")
            #expect(run.standardError == "lookout fetch: BTCUSDT failed: Bybit noData: Bybit returned no BTCUSDT candles (interval 15); the symbol is not trading in category linear, or has not listed yet [symbol BTCUSDT]\n")
        }
    }

    @Test func anUnwritableOutputExitsFourAndChangesNothing() async throws {
        try await withSimulatorServer { _, url in
            let run = try CLI.run(["fetch", "BTCUSDT", "--interval", "15", "--limit", "3", "--out", "/nonexistent-dir/out.csv", "--base-url", url, "--quiet"])
            #expect(run.status == 4)
            #expect(run.standardError.hasPrefix("lookout fetch: cannot create '/nonexistent-dir/.out.csv.lookout-"))
            #expect(run.standardError.hasSuffix("check the directory exists and is writable\n"))
        }
    }

    @Test func helpListsTheExitStatuses() throws {
        let run = try CLI.run(["fetch", "--help"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("EXIT STATUS:\n  0  every symbol was fetched\n  1  some symbols failed"))
    }
}
